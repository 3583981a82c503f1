// Several calls in flight on one warm worker (the pool's calls-per-worker): concurrent calls share a process; each
// sees its own environment, tokens, secrets-free user, `Fluxbase` global and log lines even across awaits; a call
// that runs past its timeout ends the others on its worker with a message saying why, and the next calls work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFunctionsRuntime, type FunctionsRuntime } from './function-fixtures.js'

let rt: FunctionsRuntime

beforeAll(async () => {
  rt = await startFunctionsRuntime({
    'whoami.ts': `export async function handler(req) {
  const n = Number(new URL(req.url).searchParams.get('n'))
  const before = { exec: Deno.env.get('FLUXBASE_EXECUTION_ID'), token: Deno.env.get('FLUXBASE_USER_TOKEN'), ctx: Fluxbase.getExecutionContext().execution_id }
  console.log('start', n)
  await new Promise((r) => setTimeout(r, 150 - (n % 4) * 30))
  const { default: process } = await import('node:process')
  const after = { exec: process.env.FLUXBASE_EXECUTION_ID, token: Deno.env.get('FLUXBASE_USER_TOKEN'), ctx: Fluxbase.getExecutionContext().execution_id }
  console.log('end', n)
  const sub = JSON.parse(atob(after.token.split('.')[1])).sub ?? null
  return { n, pid: Deno.pid, same: JSON.stringify(before) === JSON.stringify(after), exec: after.exec, ctxMatches: after.ctx === after.exec, sub, user: req.user?.id ?? null }
}`,
    'sometimes-spins.ts': `// @fluxbase:timeout 1
export async function handler(req) {
  const q = new URL(req.url).searchParams
  if (q.get('quick')) return 'done'
  if (q.get('spin')) { await new Promise((r) => setTimeout(r, 100)); while (true) {} }
  await new Promise((r) => setTimeout(r, 400))
  return 'done'
}`,
  })
}, 120_000)

afterAll(async () => {
  await rt?.stop()
})

const get = (name: string, query: string, token = rt.info.anonKey) => fetch(`${rt.info.apiUrl}/api/v1/functions/${name}/invoke${query}`, { headers: { Authorization: `Bearer ${token}` } })

describe('calls sharing a worker', () => {
  it('each call keeps its own environment, tokens, Fluxbase global and log lines across awaits', async () => {
    await get('whoami', '?n=0') // the worker is warm
    const users = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000b2']
    const tokens = await Promise.all(users.map((sub) => rt.signToken({ sub, role: 'authenticated' })))
    const replies = await Promise.all(
      Array.from({ length: 8 }, async (_, n) => {
        const r = await get('whoami', `?n=${n}`, tokens[n % 2])
        return { body: await r.json(), execution: r.headers.get('x-execution-id') }
      }),
    )
    for (const [n, { body, execution }] of replies.entries()) {
      expect(body).toMatchObject({ n, same: true, ctxMatches: true, exec: execution, sub: users[n % 2], user: users[n % 2] })
    }
    // They ran in one process, at the same time.
    expect(new Set(replies.map((r) => r.body.pid)).size).toBe(1)
    for (const { body, execution } of replies) {
      const logs = await (await rt.api(`/api/v1/admin/functions/executions/${execution}/logs`)).json()
      expect(logs.entries.map((l: { message: string }) => l.message)).toEqual([`start ${body.n}`, `end ${body.n}`])
    }
  })

  it('a call past its timeout ends the calls sharing its worker, each told why; the next calls work', async () => {
    await get('sometimes-spins', '?quick=1') // warm
    const others = Array.from({ length: 3 }, () => get('sometimes-spins', ''))
    await new Promise((r) => setTimeout(r, 300))
    const replies = await Promise.all([...others, get('sometimes-spins', '?spin=1')])
    // The loop blocks every call on its worker: whichever limit comes first is a 504; the worker is killed and the
    // calls it was running end with a 500 that says why (none hangs, none is reported as a success).
    const statuses: number[] = []
    for (const r of replies) {
      const body = await r.json()
      statuses.push(r.status)
      expect(body.error).toMatch(r.status === 504 ? /^Execution timeout after 1s$/ : /stopped because a call on it ran past its timeout \(this call was running on the same worker\)/)
    }
    expect(statuses).toContain(504)
    expect(statuses.every((s) => s === 504 || s === 500)).toBe(true)
    // (quick: the 1 s limit must not catch a loaded test machine's slow sleep)
    const next = await get('sometimes-spins', '?quick=1')
    expect(next.status).toBe(200)
    expect(await next.json()).toBe('done')
  })
})
