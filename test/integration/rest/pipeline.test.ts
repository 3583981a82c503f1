// The executor's one-round-trip path (postgres/with-identity.ts queryAsIdentity) against real PostgreSQL: one
// transaction per batch, identity set and gone afterwards, prepared statements that survive errors and eviction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { identityFromClaims } from '../../../electron/server/identity.js'
import { queryAsIdentity } from '../../../electron/server/postgres/with-identity.js'

let rt: TestRuntime
const alice = identityFromClaims({ sub: '00000000-0000-4000-8000-00000000000a', role: 'authenticated', email: 'a@example.com' })

beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query('CREATE TABLE pipe (id int PRIMARY KEY, v text); GRANT SELECT, INSERT ON pipe TO authenticated')
})
afterAll(async () => {
  await rt?.stop()
})

describe('queryAsIdentity', () => {
  it('runs the statements as the identity, and leaves nothing behind on the connection', async () => {
    const [r] = await queryAsIdentity(rt.ctx.pools.api, alice, [
      { text: "SELECT current_user, current_setting('app.user_id', true), current_setting('app.role', true), auth.uid()::text, auth.jwt()->>'email'", describe: true },
    ])
    expect(r.rows).toEqual([['authenticated', alice.userId, 'authenticated', alice.userId, 'a@example.com']])
    const clients = await Promise.all(Array.from({ length: 5 }, () => rt.ctx.pools.api.connect()))
    try {
      for (const c of clients) {
        const { rows } = await c.query("SELECT current_user AS u, coalesce(current_setting('app.user_id', true), '') AS id, coalesce(current_setting('request.jwt.claims', true), '') AS claims")
        expect(rows).toEqual([{ u: 'fluxbase_api', id: '', claims: '' }])
      }
    } finally {
      clients.forEach((c) => c.release())
    }
  })

  it('is one transaction: a failing statement rolls back the ones before it', async () => {
    await expect(
      queryAsIdentity(rt.ctx.pools.api, alice, [
        { text: 'INSERT INTO pipe VALUES ($1, $2)', values: [1, 'kept?'] },
        { text: 'SELECT 1 / $1::int', values: [0] },
      ]),
    ).rejects.toMatchObject({ code: '22012', statementIndex: 1 })
    expect((await rt.admin.query('SELECT count(*)::int AS n FROM pipe')).rows).toEqual([{ n: 0 }])
    await queryAsIdentity(rt.ctx.pools.api, alice, [{ text: 'INSERT INTO pipe VALUES ($1, $2)', values: [1, 'kept'] }])
    expect((await rt.admin.query('SELECT v FROM pipe')).rows).toEqual([{ v: 'kept' }])
  })

  it('a statement whose Parse failed is prepared again once it can be', async () => {
    const text = 'SELECT extra FROM pipe WHERE id = $1'
    for (let i = 0; i < 3; i++) await expect(queryAsIdentity(rt.ctx.pools.api, alice, [{ text, values: [1] }])).rejects.toMatchObject({ code: '42703' })
    await rt.admin.query("ALTER TABLE pipe ADD COLUMN extra text DEFAULT 'x'")
    for (let i = 0; i < 25; i++) {
      const [r] = await queryAsIdentity(rt.ctx.pools.api, alice, [{ text, values: [1] }])
      expect(r.rows).toEqual([['x']])
    }
  })

  it('keeps at most a bounded number of prepared statements per connection, without collisions', async () => {
    for (let i = 0; i < 600; i++) {
      const [r] = await queryAsIdentity(rt.ctx.pools.api, alice, [{ text: `SELECT $1::int + ${i % 300} AS n`, values: [1] }])
      expect(r.rows).toEqual([[String(1 + (i % 300))]])
    }
    let most = 0
    for (let i = 0; i < 30; i++) {
      const [r] = await queryAsIdentity(rt.ctx.pools.api, alice, [{ text: 'SELECT count(*) FROM pg_prepared_statements', prepare: false }])
      most = Math.max(most, Number(r.rows[0][0]))
    }
    expect(most).toBeGreaterThan(100)
    expect(most).toBeLessThanOrEqual(260)
  })

  it('reports notices', async () => {
    const notices: string[] = []
    await queryAsIdentity(rt.ctx.pools.api, alice, [{ text: "DO $$ BEGIN RAISE NOTICE 'hello %', 'there'; END $$", prepare: false }], { onNotice: (n) => notices.push(n.message) })
    expect(notices).toEqual(['hello there'])
  })
})
