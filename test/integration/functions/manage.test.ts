// Managing functions over the admin API (contract §3) on real Deno: create, update, delete and sync write the
// functions folder (the source of truth) and the next call runs what was written; the settings sent become the
// file's annotations; a sync with delete_missing removes only what the API wrote, never a hand-written function;
// service role only; bad input is a 4xx with words.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFunctionsRuntime, type FunctionsRuntime } from './function-fixtures.js'

let rt: FunctionsRuntime

beforeAll(async () => {
  rt = await startFunctionsRuntime({ 'by-hand.ts': `export function handler() { return 'written by hand' }` })
}, 120_000)

afterAll(async () => {
  await rt?.stop()
})

const send = (method: string, url: string, body?: unknown, token?: string) =>
  rt.api(url, { method, token, body: body === undefined ? undefined : JSON.stringify(body) })

describe('create, update, delete', () => {
  it('create writes <name>.ts with the settings as annotations; the function answers at once', async () => {
    const r = await send('POST', '/api/v1/functions', { name: 'made', code: `export function handler() { return 'v1' }`, allow_unauthenticated: true, cors_origins: ['https://a.example'], rate_limit_per_hour: 50 })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ name: 'made', source_path: 'made.ts', allow_unauthenticated: true, cors_origins: 'https://a.example', rate_limit_per_hour: 50, enabled: true })
    const file = fs.readFileSync(path.join(rt.dir, 'made.ts'), 'utf8')
    expect(file).toContain('// @fluxbase:allow-unauthenticated true')
    expect(file).toContain('// @fluxbase:rate-limit 50/hour')
    // allow-unauthenticated: no credential needed.
    const call = await fetch(`${rt.info.apiUrl}/api/v1/functions/made/invoke`, { method: 'POST' })
    expect(await call.json()).toBe('v1')
  })

  it('update replaces the code and only the annotations it names; the next call runs the new code', async () => {
    const r = await send('PUT', '/api/v1/functions/made', { code: `// @fluxbase:rate-limit 50/hour\nexport function handler() { return 'v2' }`, allow_unauthenticated: false })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ allow_unauthenticated: false, rate_limit_per_hour: 50 })
    expect((await rt.invoke('made')).data).toBe('v2')
    expect((await fetch(`${rt.info.apiUrl}/api/v1/functions/made/invoke`, { method: 'POST' })).status).toBe(401)
    const settingsOnly = await send('PUT', '/api/v1/functions/made', { enabled: false })
    expect(await settingsOnly.json()).toMatchObject({ enabled: false, state: 'disabled' })
    expect((await rt.invoke('made')).status).toBe(403)
    await send('PUT', '/api/v1/functions/made', { enabled: true })
    expect((await rt.invoke('made')).data).toBe('v2')
  })

  it('delete removes the file: 204, then 404', async () => {
    expect((await send('DELETE', '/api/v1/functions/made')).status).toBe(204)
    expect(fs.existsSync(path.join(rt.dir, 'made.ts'))).toBe(false)
    expect((await rt.invoke('made')).status).toBe(404)
    expect((await send('DELETE', '/api/v1/functions/made')).status).toBe(204)
  })
})

describe('sync', () => {
  it('creates, updates, leaves unchanged; delete_missing removes only what the API wrote; dry_run writes nothing', async () => {
    const fns = [
      { name: 'one', code: `export function handler() { return 1 }` },
      { name: 'two', code: `export function handler() { return 2 }`, is_public: false },
    ]
    const first = await (await send('POST', '/api/v1/admin/functions/sync', { functions: fns })).json()
    expect(first).toMatchObject({ namespace: 'default', summary: { created: 2, updated: 0, deleted: 0, unchanged: 0, errors: 0 }, dry_run: false })
    expect((await rt.invoke('two')).data).toBe(2)

    const dry = await (await send('POST', '/api/v1/admin/functions/sync', { functions: [{ name: 'one', code: `export function handler() { return 'one!' }` }], options: { delete_missing: true, dry_run: true } })).json()
    expect(dry).toMatchObject({ summary: { updated: 1, deleted: 1 }, details: { deleted: ['two'], kept: ['by-hand'] }, dry_run: true })
    expect((await rt.invoke('two')).data).toBe(2)

    const second = await (await send('POST', '/api/v1/admin/functions/sync', { functions: [fns[0], { name: 'three', code: `export function handler() { return 3 }` }], options: { delete_missing: true } })).json()
    expect(second.details).toMatchObject({ created: ['three'], unchanged: ['one'], deleted: ['two'], kept: ['by-hand'] })
    expect((await rt.invoke('two')).status).toBe(404)
    expect((await rt.invoke('by-hand')).data).toBe('written by hand')
    expect((await rt.invoke('three')).data).toBe(3)
  })
})

describe('bad input', () => {
  it('4xx with words; service role only', async () => {
    const cases: Array<[string, string, unknown, number, RegExp, string?]> = [
      ['POST', '/api/v1/functions', { code: 'x' }, 400, /Function name is required/],
      ['POST', '/api/v1/functions', { name: 'x' }, 400, /Function code is required/],
      ['POST', '/api/v1/functions', { name: '../evil', code: 'x' }, 400, /not a function name/],
      ['POST', '/api/v1/functions', { name: 'by-hand', code: 'x' }, 409, /already exists/],
      ['POST', '/api/v1/functions', { name: 'cron', code: 'x', cron_schedule: '* * * * *' }, 400, /write a job with @fluxbase:schedule/],
      ['POST', '/api/v1/functions', { name: 'ns', code: 'x', namespace: 'other' }, 400, /one namespace/],
      ['PUT', '/api/v1/functions/nope', { code: 'x' }, 404, /Function not found/],
      ['POST', '/api/v1/admin/functions/sync', { functions: 'all' }, 400, /functions/],
      ['POST', '/api/v1/functions', { name: 'anon', code: 'x' }, 403, /service role/, rt.info.anonKey],
    ]
    for (const [method, url, body, status, words, token] of cases) {
      const r = await send(method, url, body, token)
      const json = await r.json()
      expect({ url, body, status: r.status }).toEqual({ url, body, status })
      expect(json.error ?? json.message).toMatch(words)
    }
    expect(fs.existsSync(path.join(rt.dir, 'anon.ts'))).toBe(false)
  })
})
