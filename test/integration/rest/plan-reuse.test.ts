// Plan reuse (postgres/plan-reuse.ts) against real PostgreSQL: a statement whose custom and generic plans have the
// same shape ends up running PostgreSQL's generic plan (pg_prepared_statements counts it), one whose plans differ
// keeps being planned for its values, results are the same either way, and a schema change forgets every choice.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { identityFromClaims } from '../../../electron/server/identity.js'
import { queryAsIdentity } from '../../../electron/server/postgres/with-identity.js'
import { planReuseFor, planShape } from '../../../electron/server/postgres/plan-reuse.js'
import { schemaStoreFor } from '../../../electron/server/rest/schema/schema-store.js'

let rt: TestRuntime
/** The API's login role on one connection, so PostgreSQL's per-connection plan counters see every run. */
let single: pg.Pool
const owner = (k: number) => `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`
const alice = identityFromClaims({ sub: owner(7), role: 'authenticated' })

// The REST bench's shape: a page of an RLS-filtered table, ordered by an index, with a filter and a LIMIT.
const PAGE = `SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n FROM (SELECT _t0."id", _t0."score" FROM "public"."reuse_items" AS _t0
  WHERE _t0."score" >= $1 ORDER BY _t0."created_at" DESC LIMIT $2) AS _r`
// A prefix search: with the value known, PostgreSQL scans a range of the pattern index; without it, it cannot.
const PREFIX = `SELECT coalesce(json_agg(_r), '[]')::text AS body FROM (SELECT _t0."id" FROM "public"."reuse_codes" AS _t0 WHERE _t0."code" LIKE $1) AS _r`

beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(`
    CREATE TABLE reuse_items (id bigserial PRIMARY KEY, owner_id uuid NOT NULL, score int NOT NULL, code text NOT NULL, created_at timestamptz NOT NULL);
    INSERT INTO reuse_items (owner_id, score, code, created_at)
      SELECT ('00000000-0000-4000-8000-' || lpad((g % 50)::text, 12, '0'))::uuid, g % 100, md5(g::text), now() - make_interval(secs => g)
      FROM generate_series(1, 20000) AS g;
    CREATE INDEX reuse_items_owner_created ON reuse_items (owner_id, created_at DESC);
    ALTER TABLE reuse_items ENABLE ROW LEVEL SECURITY;
    CREATE POLICY own ON reuse_items FOR SELECT TO authenticated USING (owner_id = auth.uid());
    GRANT SELECT ON reuse_items TO authenticated;
    CREATE TABLE reuse_codes (id bigserial PRIMARY KEY, code text NOT NULL);
    INSERT INTO reuse_codes (code) SELECT md5(g::text) FROM generate_series(1, 20000) AS g;
    CREATE INDEX reuse_codes_code ON reuse_codes (code text_pattern_ops);
    ALTER TABLE reuse_codes ENABLE ROW LEVEL SECURITY;
    CREATE POLICY everyone ON reuse_codes FOR SELECT TO authenticated USING (true);
    GRANT SELECT ON reuse_codes TO authenticated;
    ANALYZE reuse_items, reuse_codes;
  `)
  const api = (rt.ctx.pools.api as unknown as { options: pg.PoolConfig }).options
  // The password is not enumerable in pg's options: named, not spread.
  single = new pg.Pool({ ...api, password: api.password, max: 1 })
})
afterAll(async () => {
  await single?.end()
  await rt?.stop()
})

const pool = () => single
const verdict = (text: string, on = pool()) => planReuseFor(on).verdict('authenticated', text)

async function runUntilDecided(text: string, values: (i: number) => unknown[], on = pool()): Promise<void> {
  for (let i = 0; i < 40 && verdict(text, on) === 'unknown'; i++) {
    await queryAsIdentity(on, alice, [{ text, values: values(i) }])
    await new Promise((r) => setTimeout(r, 20)) // the comparison runs in the background
  }
}

/** How often PostgreSQL ran `text` with its generic plan, and with a custom one, on the pool's one connection. */
async function genericRuns(text: string, values: unknown[]): Promise<{ generic: number; custom: number }> {
  const [, counts] = await queryAsIdentity(pool(), alice, [
    { text, values },
    { text: 'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = $1', values: [text], prepare: false },
  ])
  return { generic: Number(counts.rows[0]?.[0] ?? 0), custom: Number(counts.rows[0]?.[1] ?? 0) }
}

describe('plan reuse', () => {
  it('runs the generic plan of a statement whose plans have the same shape, with the same results', async () => {
    const expected = (score: number) =>
      rt.admin.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM reuse_items WHERE owner_id = $1 AND score >= $2 ORDER BY created_at DESC LIMIT 20) s`, [owner(7), score])
    await runUntilDecided(PAGE, (i) => [String(10 + i), 20])
    expect(verdict(PAGE)).toBe('generic')
    // Every connection of the pool now runs it without re-planning: the counters move on the generic side only.
    const before = await genericRuns(PAGE, ['30', 20])
    for (let i = 0; i < 30; i++) {
      const score = 5 + i * 3
      const [r] = await queryAsIdentity(pool(), alice, [{ text: PAGE, values: [String(score), 20] }])
      expect(Number(r.rows[0][1])).toBe((await expected(score)).rows[0].n)
      expect(JSON.parse(r.rows[0][0]!).every((row: { score: number }) => row.score >= score)).toBe(true)
    }
    const after = await genericRuns(PAGE, ['30', 20])
    expect(after.generic).toBeGreaterThan(before.generic)
    expect(after.custom).toBe(before.custom)
  })

  it('keeps planning for the values when the generic plan would be another plan', async () => {
    await runUntilDecided(PREFIX, (i) => [`ab${i % 10}%`])
    expect(verdict(PREFIX)).toBe('custom')
    const [r] = await queryAsIdentity(pool(), alice, [{ text: PREFIX, values: ['ab1%'] }])
    const n = (await rt.admin.query("SELECT count(*)::int AS n FROM reuse_codes WHERE code LIKE 'ab1%'")).rows[0].n
    expect(n).toBeGreaterThan(0)
    expect(JSON.parse(r.rows[0][0]!)).toHaveLength(n)
  })

  it('leaves EXPLAIN statements (count=planned) out, without spoiling the statement beside them', async () => {
    const page = PAGE.replace('>= $1', '> $1')
    const estimate = `EXPLAIN (FORMAT JSON) SELECT 1 FROM "public"."reuse_items" AS _t0 WHERE _t0."score" > $1`
    for (let i = 0; i < 40 && verdict(page) === 'unknown'; i++) {
      await queryAsIdentity(pool(), alice, [{ text: estimate, values: [String(i)] }, { text: page, values: [String(10 + i), 20] }])
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(verdict(page)).toBe('generic')
    expect(verdict(estimate)).toBe('unknown')
  })

  it("forgets every choice of the runtime's API pool when the schema changes", async () => {
    const api = rt.ctx.pools.api
    await runUntilDecided(PAGE, (i) => [String(10 + i), 20], api)
    expect(verdict(PAGE, api)).toBe('generic')
    await rt.admin.query('CREATE INDEX reuse_items_score ON reuse_items (score)')
    await (await schemaStoreFor(rt.ctx)).reload()
    expect(verdict(PAGE, api)).toBe('unknown')
  })
})

describe('planShape', () => {
  it('ignores expression texts (constants or $n) and keeps everything that makes a plan another plan', () => {
    const node = (filter: string, index = 'i1', type = 'Index Scan') => ({ Plan: { 'Node Type': type, 'Index Name': index, Filter: filter, Plans: [] } })
    const same = (a: unknown, b: unknown) => JSON.stringify(planShape(a)) === JSON.stringify(planShape(b))
    expect(same(node('(score >= 30)'), node('(score >= $1)'))).toBe(true)
    expect(same(node('(score >= 30)'), node('(score >= $1)', 'i2'))).toBe(false)
    expect(same(node('(score >= 30)'), node('(score >= $1)', 'i1', 'Seq Scan'))).toBe(false)
    const withCond = { Plan: { 'Node Type': 'Index Scan', 'Index Name': 'i1', 'Index Cond': '(code ~>=~ $1)', Filter: '(code ~~ $1)' } }
    const withoutCond = { Plan: { 'Node Type': 'Index Scan', 'Index Name': 'i1', Filter: '(code ~~ $1)' } }
    expect(same(withCond, withoutCond)).toBe(false)
  })
})
