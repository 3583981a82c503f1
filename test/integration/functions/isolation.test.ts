// What user code cannot do to the runtime or to other functions: a runaway call times out (504 naming the limit)
// and the next call works; a crash or an out-of-memory worker fails only its call; a file that does not compile
// answers 500 with file:line while the others keep working; a save is picked up by the next call; the data
// directory is out of reach; 32 calls at once all answer.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFunctionsRuntime, type FunctionsRuntime } from './function-fixtures.js'

let rt: FunctionsRuntime

beforeAll(async () => {
  rt = await startFunctionsRuntime({
    'ok.ts': `export function handler() { return { ok: true, pid: Deno.pid } }`,
    'slow.ts': `// @fluxbase:timeout 1
export async function handler(req) {
  const spin = new URL(req.url).searchParams.get('spin')
  if (spin) { while (true) {} }
  await new Promise((r) => setTimeout(r, 50))
  return 'fast enough'
}`,
    'crash.ts': `export function handler(req) {
  if (new URL(req.url).searchParams.get('crash')) { console.error('going down'); Deno.exit(3) }
  return 'alive'
}`,
    'hog.ts': `// @fluxbase:memory 48
export function handler() {
  const keep = []
  while (true) keep.push(new Array(1_000_000).fill(Math.random()))
}`,
    'broken.ts': `export function handler() {
  return { a: 1 +* }
}`,
    'nohandler.ts': `export const x = 1`,
    'snoop.ts': `export function handler(req) {
  const target = new URL(req.url).searchParams.get('path')
  const tryIt = (f) => { try { f(); return 'allowed' } catch (e) { return e.name } }
  return { read: tryIt(() => Deno.readTextFileSync(target)), write: tryIt(() => Deno.writeTextFileSync(target + '.x', 'x')), run: tryIt(() => new Deno.Command('true').outputSync()) }
}`,
    'version.ts': `export function handler() { return 'v1' }`,
    'concurrent.ts': `export async function handler(req) {
  const n = Number(new URL(req.url).searchParams.get('n'))
  await new Promise((r) => setTimeout(r, 20 + (n % 5) * 10))
  return { n }
}`,
  })
}, 120_000)

afterAll(async () => {
  await rt?.stop()
})

const get = (name: string, query = '') => fetch(`${rt.info.apiUrl}/api/v1/functions/${name}/invoke${query}`, { headers: { Authorization: `Bearer ${rt.info.anonKey}` } })

describe('limits', () => {
  it('a runaway call is stopped at its timeout with 504 naming it; the next call works', async () => {
    const t0 = performance.now()
    const r = await get('slow', '?spin=1')
    expect(r.status).toBe(504)
    expect((await r.json()).error).toBe('Execution timeout after 1s')
    expect(performance.now() - t0).toBeLessThan(10_000)
    const next = await get('slow')
    expect(next.status).toBe(200)
    expect(await next.json()).toBe('fast enough')
    expect((await get('ok')).status).toBe(200)
  })

  it('a crashing worker fails only its own call, with the reason; a new worker takes the next one', async () => {
    const before = (await (await get('ok')).json()).pid
    const r = await get('crash', '?crash=1')
    expect(r.status).toBe(500)
    const body = await r.json()
    expect(body.error).toMatch(/worker process ended during the call \(exit code 3\)/)
    expect(body.logs).toMatch(/going down/)
    expect(await (await get('crash')).json()).toBe('alive')
    expect((await (await get('ok')).json()).pid).toBe(before)
  })

  it('a function over its memory cap gets a clear 5xx naming the limit', async () => {
    const r = await get('hog')
    expect(r.status).toBe(500)
    expect((await r.json()).error).toMatch(/ran out of memory \(limit 48 MB\)/)
    expect((await get('ok')).status).toBe(200)
  })
})

describe('load errors stay with their function', () => {
  it('a file that does not compile answers 500 with the error and its file:line; the others work', async () => {
    const r = await get('broken')
    expect(r.status).toBe(500)
    const body = await r.json()
    expect(body.error).toMatch(/Function failed to load/)
    expect(body.location).toBe('broken.ts:2:20')
    expect((await get('ok')).status).toBe(200)
    const listed = await (await rt.api('/api/v1/functions/broken')).json()
    expect(listed).toMatchObject({ state: 'error', error: { location: 'broken.ts:2:20' } })
  })

  it('a module without a handler says what to export', async () => {
    const r = await get('nohandler')
    expect(r.status).toBe(500)
    expect((await r.json()).details).toMatch(/No handler function found/)
  })

  it('fixing the file makes it work on the next call', async () => {
    rt.write('broken.ts', `export function handler() { return 'fixed' }`)
    await expect.poll(async () => (await get('broken')).status, { timeout: 10_000, interval: 50 }).toBe(200)
    expect(await (await get('broken')).json()).toBe('fixed')
  })
})

describe('hot reload', () => {
  it('after a save the next call runs the new code, without a restart', async () => {
    expect(await (await get('version')).json()).toBe('v1')
    for (const v of ['v2', 'v3']) {
      rt.write('version.ts', `export function handler() { return '${v}' }`)
      await expect.poll(async () => (await get('version')).json(), { timeout: 5_000, interval: 20 }).toBe(v)
    }
  })

  it('a change in _shared/ reloads the functions that import it; a new file is a new function; a removed one is gone', async () => {
    rt.write('_shared/word.ts', `export const word = 'one'`)
    rt.write('uses-shared/index.ts', `import { word } from '../_shared/word.ts'\nexport function handler() { return word }`)
    await expect.poll(async () => (await get('uses-shared')).status, { timeout: 5_000, interval: 50 }).toBe(200)
    expect(await (await get('uses-shared')).json()).toBe('one')
    rt.write('_shared/word.ts', `export const word = 'two'`)
    await expect.poll(async () => (await get('uses-shared')).json(), { timeout: 5_000, interval: 20 }).toBe('two')
    fs.rmSync(path.join(rt.dir, 'uses-shared'), { recursive: true })
    await expect.poll(async () => (await get('uses-shared')).status, { timeout: 5_000, interval: 50 }).toBe(404)
  })
})

describe('permissions', () => {
  it('the data directory can be neither read nor written; subprocesses are refused', async () => {
    const secrets = path.join(rt.info.dataDir, 'secrets.json')
    const r = await (await get('snoop', `?path=${encodeURIComponent(secrets)}`)).json()
    expect(r.read).toBe('NotCapable')
    expect(r.write).toBe('NotCapable')
    expect(r.run).toBe('NotCapable')
  })
})

describe('concurrency', () => {
  it('32 calls at once all answer, each with its own result', async () => {
    const results = await Promise.all(Array.from({ length: 32 }, (_, n) => get('concurrent', `?n=${n}`).then(async (r) => ({ status: r.status, body: await r.json() }))))
    expect(results.map((r) => r.status)).toEqual(Array(32).fill(200))
    expect(results.map((r) => r.body.n)).toEqual(Array.from({ length: 32 }, (_, n) => n))
  })
})
