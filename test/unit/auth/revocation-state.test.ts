// auth/revocation-state.ts: cache hits need no database; misses are one query, deduplicated; revocations stick.
import type { Pool } from 'pg'
import { describe, expect, it } from 'vitest'
import { RevocationState } from '../../../electron/server/auth/revocation-state.js'

const SID = '11111111-1111-4111-8111-111111111111'
const SID2 = '22222222-2222-4222-8222-222222222222'
const USER = '33333333-3333-4333-8333-333333333333'

function fakePool(rows: Record<string, { user_id: string; live: boolean }>) {
  const queries: unknown[][] = []
  const pool = {
    async query(_sql: string, values: unknown[]) {
      queries.push(values)
      const row = rows[String(values[0])]
      return { rows: row ? [row] : [] }
    },
  }
  return { pool: pool as unknown as Pool, queries }
}

describe('RevocationState', () => {
  it('lets session-less tokens through without a query', () => {
    const { pool, queries } = fakePool({})
    const state = new RevocationState(pool)
    expect(state.check({ sub: 'x', role: 'anon' })).toBeUndefined()
    expect(queries).toHaveLength(0)
  })

  it('answers sessions it created from memory', () => {
    const { pool, queries } = fakePool({})
    const state = new RevocationState(pool)
    state.sessionCreated(SID, USER)
    expect(state.check({ sub: USER, session_id: SID })).toBeUndefined()
    state.sessionsRevoked([SID])
    expect(state.check({ sub: USER, session_id: SID })).toBe('session revoked')
    expect(queries).toHaveLength(0)
  })

  it('reads an unknown session once, even under concurrent requests', async () => {
    const { pool, queries } = fakePool({ [SID]: { user_id: USER, live: true }, [SID2]: { user_id: USER, live: false } })
    const state = new RevocationState(pool)
    const results = await Promise.all(Array.from({ length: 5 }, () => state.check({ session_id: SID })))
    expect(results).toEqual([undefined, undefined, undefined, undefined, undefined])
    expect(queries).toHaveLength(1)
    expect(state.check({ session_id: SID })).toBeUndefined()
    expect(await state.check({ session_id: SID2 })).toBe('session revoked')
    expect(await state.check({ session_id: '44444444-4444-4444-8444-444444444444' })).toBe('session not found')
    expect(state.check({ session_id: 'not-a-uuid' })).toBe('session not found')
  })

  it('re-reads a live session after the revalidation interval', async () => {
    let t = 0
    const { pool, queries } = fakePool({ [SID]: { user_id: USER, live: true } })
    const state = new RevocationState(pool, { revalidateMs: 1000, now: () => t })
    await state.check({ session_id: SID })
    t = 999
    expect(state.check({ session_id: SID })).toBeUndefined()
    t = 1000
    await state.check({ session_id: SID })
    expect(queries).toHaveLength(2)
  })

  it('refuses every token of a deleted user and of a blacklisted jti (until it expires)', () => {
    let t = 0
    const { pool } = fakePool({})
    const state = new RevocationState(pool, { now: () => t })
    state.sessionCreated(SID, USER)
    state.userDeleted(USER)
    expect(state.check({ sub: USER })).toBe('user deleted')
    expect(state.check({ sub: 'someone-else', session_id: SID })).toBe('session revoked')
    state.jtiRevoked('j1', 10)
    expect(state.check({ jti: 'j1' })).toBe('token revoked')
    t = 10_000
    expect(state.check({ jti: 'j1' })).toBeUndefined()
  })

  it('forgetLive drops live entries but keeps revocations', async () => {
    const { pool, queries } = fakePool({ [SID]: { user_id: USER, live: true } })
    const state = new RevocationState(pool)
    state.sessionCreated(SID, USER)
    state.sessionsRevoked([SID2])
    state.forgetLive()
    expect(state.check({ session_id: SID2 })).toBe('session revoked')
    await state.check({ session_id: SID })
    expect(queries).toHaveLength(1)
  })

  it('turns a database failure into a 503, not a pass', async () => {
    const pool = { query: async () => Promise.reject(new Error('down')) } as unknown as Pool
    const state = new RevocationState(pool)
    await expect(state.check({ session_id: SID })).rejects.toMatchObject({ status: 503, code: 'AUTH_UNAVAILABLE' })
  })
})
