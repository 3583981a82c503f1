// Edge functions through the invoke endpoint on real Deno: every handler form and return form of the contract
// (§2.2, §2.3), the SDK's functions.invoke bodies (object, string, FormData, Blob), and the bad-input list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFunctionsRuntime, type FunctionsRuntime } from './function-fixtures.js'

let rt: FunctionsRuntime

beforeAll(async () => {
  rt = await startFunctionsRuntime({
    'hello.ts': `export default async function handler(req) {
  const body = req.method === 'GET' ? null : await req.text()
  return { hello: 'world', method: req.method, body, user: req.user, query: new URL(req.url).searchParams.get('q') }
}`,
    'named/index.ts': `import { greet } from '../_shared/greet.ts'
import { shout } from '_shared/shout.ts'
export async function handler() { return shout(greet('named')) }`,
    '_shared/greet.ts': `export const greet = (n: string) => 'hi ' + n`,
    '_shared/shout.ts': `export const shout = (s: string) => s.toUpperCase()`,
    'main-form.ts': `export function main() { return [1, 2, 3] }`,
    'response.ts': `export function handler() { return new Response('teapot', { status: 418, headers: { 'X-Custom': 'yes', 'Content-Type': 'text/plain' } }) }`,
    'status-object.ts': `export function handler() { return { status: 201, body: { created: true }, headers: { 'X-A': '1' } } }`,
    'status-text.ts': `export function handler() { return { status: 202, body: 'accepted' } }`,
    'undefined.ts': `export function handler() { return undefined }`,
    'string.ts': `export function handler() { return 'plain' }`,
    'throws.ts': `export function handler() { throw new Error('no luck today') }`,
    'bytes.ts': `export async function handler(req) {
  const b = new Uint8Array(await req.arrayBuffer())
  return { length: b.length, first: b[0], last: b[b.length - 1], type: req.headers.get('content-type') }
}`,
    'form.ts': `export async function handler(req) {
  const form = await req.formData()
  const file = form.get('file')
  return { field: form.get('field'), file: file ? await file.text() : null }
}`,
    'cors.ts': `// @fluxbase:cors-origins https://app.example, https://admin.example
// @fluxbase:cors-methods POST
// @fluxbase:cors-headers authorization, apikey, content-type
// @fluxbase:cors-credentials true
// @fluxbase:cors-max-age 120
export function handler() { return 'cors' }`,
    'legacy.ts': `export async function handler(req) {
  const l = req.legacy
  return { id: l.id, name: l.name, method: l.method, query: l.params.query, header: l.headers['x-probe'], body: l.body, base: l.base_url === Deno.env.get('FLUXBASE_URL') }
}`,
    'private.ts': `import { greet } from './_shared/greet.ts'
async function handler(req) { return { from: 'a handler nobody exported', greeting: greet(helper()) } }
function helper() { return 'private' }`,
    'private-main.ts': `const main = () => 'a main nobody exported'`,
    'private-throws.ts': `
function handler() { throw new Error('thrown from a private handler') }`,
    'open.ts': `// @fluxbase:allow-unauthenticated
export function handler() { return { open: true } }`,
    'off.ts': `// @fluxbase:disabled
export function handler() { return 1 }`,
    'context.ts': `export function handler(req, fluxbase, fluxbaseService, utils) {
  return { ctx: utils.getExecutionContext(), payload: utils.getPayload(), env: Deno.env.get('FLUXBASE_FUNCTION_NAME'), hasUser: fluxbase !== null, hasService: fluxbaseService !== null, legacyName: req.legacy.name, global: typeof Fluxbase.checkCancellation }
}`,
  })
}, 120_000)

afterAll(async () => {
  await rt?.stop()
})

describe('handler and return forms', () => {
  it('a default-exported handler gets method, body, query and no user for the anon key', async () => {
    const r = await rt.invoke('hello?q=1'.split('?')[0], { body: { a: 1 } })
    expect(r.status).toBe(200)
    expect(r.data).toEqual({ hello: 'world', method: 'POST', body: '{"a":1}', user: null, query: null })
    expect(r.headers.get('x-execution-id')).toMatch(/^[0-9a-f-]{36}$/)
    const q = await rt.api('/api/v1/functions/hello/invoke?q=yes', { token: rt.info.anonKey })
    expect((await q.json()).query).toBe('yes')
  })

  it('the methods GET, PUT, PATCH and DELETE pass through', async () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const r = await rt.invoke('hello', { method, body: method === 'GET' || method === 'DELETE' ? undefined : { m: method } })
      expect(r.status, method).toBe(200)
      expect((r.data as { method: string }).method).toBe(method)
    }
  })

  it('a folder function imports _shared/ both as ./_shared and as a bare _shared/ path', async () => {
    expect((await rt.invoke('named')).data).toBe('HI NAMED')
  })

  it('main is a handler too; arrays are JSON', async () => {
    expect((await rt.invoke('main-form')).data).toEqual([1, 2, 3])
  })

  it('a Response keeps its status, headers and body', async () => {
    const r = await rt.invoke('response')
    expect(r.status).toBe(418)
    expect(r.headers.get('x-custom')).toBe('yes')
    expect((r.error!.details as string)).toBe('teapot')
  })

  it('{status, body: object} is JSON; {status, body: string} without a type is text/plain', async () => {
    const a = await rt.invoke('status-object')
    expect(a.status).toBe(201)
    expect(a.data).toEqual({ created: true })
    expect(a.headers.get('x-a')).toBe('1')
    const b = await rt.invoke('status-text')
    expect(b.status).toBe(202)
    expect(b.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(b.data).toBe('accepted')
  })

  it('undefined is null and a string is a JSON string', async () => {
    const u = await rt.invoke('undefined')
    expect(u.status).toBe(200)
    expect(u.data).toBeNull()
    expect((await rt.invoke('string')).data).toBe('plain')
  })

  it('a thrown error is 500 with its message; the stack only for the service role', async () => {
    const r = await rt.invoke('throws')
    expect(r.status).toBe(500)
    expect(r.error!.message).toBe('no luck today')
    expect((r.error!.details as { stack?: string }).stack).toBeUndefined()
    const s = await rt.invoke('throws', { token: rt.info.serviceRoleKey })
    expect((s.error!.details as { stack: string }).stack).toMatch(/throws\.ts:1:/)
  })

  it('utils, the execution context, the environment and both clients reach the handler', async () => {
    const r = await rt.invoke('context', { body: { p: 1 } })
    const d = r.data as Record<string, unknown>
    expect(d.ctx).toMatchObject({ function_name: 'context', namespace: 'default', user: null, execution_id: r.headers.get('x-execution-id') })
    expect(d).toMatchObject({ payload: { p: 1 }, env: 'context', hasUser: true, hasService: true, legacyName: 'context', global: 'function' })
  })
})

describe('handlers nobody exported (found as upstream finds them)', () => {
  it('a module-scope function handler or const main is the handler; relative imports still resolve', async () => {
    expect((await rt.invoke('private')).data).toEqual({ from: 'a handler nobody exported', greeting: 'hi private' })
    expect((await rt.invoke('private-main')).data).toBe('a main nobody exported')
  })

  it("its stack names the function's own file and line", async () => {
    const r = await rt.invoke('private-throws', { token: rt.info.serviceRoleKey })
    expect(r.status).toBe(500)
    const details = r.error!.details as { error: string; stack: string }
    expect(details.error).toBe('thrown from a private handler')
    expect(details.stack).toMatch(/private-throws\.ts:2:\d+/)
    expect(details.stack).not.toMatch(/fluxbase-wrapped/)
  })
})

describe('req.legacy and preflight', () => {
  it('req.legacy carries the call as upstream sends it (query with repeated keys as a list)', async () => {
    const r = await rt.api('/api/v1/functions/legacy/invoke?a=1&b=2&b=3', { method: 'POST', token: rt.info.anonKey, body: '{"x":1}', headers: { 'X-Probe': 'yes' } })
    const body = await r.json()
    expect(body).toEqual({ id: r.headers.get('x-execution-id'), name: 'legacy', method: 'POST', query: { a: '1', b: ['2', '3'] }, header: 'yes', body: '{"x":1}', base: true })
  })

  it("a preflight is answered from the function's cors-* annotations", async () => {
    const preflight = (name: string, origin: string) =>
      fetch(`${rt.info.apiUrl}/api/v1/functions/${name}/invoke`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, x-other' } })
    const allowed = await preflight('cors', 'https://admin.example')
    expect(allowed.status).toBe(204)
    const names = ['origin', 'methods', 'headers', 'credentials'].map((n) => `access-control-allow-${n}`).concat('access-control-max-age')
    expect(Object.fromEntries(names.map((n) => [n, allowed.headers.get(n)]))).toEqual({
      'access-control-allow-origin': 'https://admin.example',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'authorization, apikey, content-type',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '120',
    })
    const refused = await preflight('cors', 'https://evil.example')
    expect(refused.status).toBe(204)
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    // Without annotations: the local API's answer, the Origin and the asked headers reflected.
    const plain = await preflight('hello', 'http://localhost:5173')
    expect(plain.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(plain.headers.get('access-control-allow-headers')).toBe('authorization, x-other')
    expect(plain.headers.get('access-control-allow-methods')).toContain('PATCH')
  })
})

describe('bodies as the SDK sends them', () => {
  it('an object and a string are JSON text; the function reads the raw bytes', async () => {
    expect((await rt.invoke('hello', { body: { x: [1, 2] } })).data).toMatchObject({ body: '{"x":[1,2]}' })
    expect((await rt.invoke('hello', { body: 'hi' })).data).toMatchObject({ body: '"hi"' })
  })

  it('a Blob becomes {} (the SDK JSON-encodes it); raw binary sent directly arrives byte for byte', async () => {
    expect((await rt.invoke('hello', { body: new Blob([new Uint8Array([1, 2, 3])]) })).data).toMatchObject({ body: '{}' })
    const bytes = new Uint8Array(300_000).map((_, i) => i % 256)
    const r = await rt.api('/api/v1/functions/bytes/invoke', { method: 'POST', token: rt.info.anonKey, body: bytes, headers: { 'Content-Type': 'application/octet-stream' } })
    expect(await r.json()).toEqual({ length: 300_000, first: 0, last: (300_000 - 1) % 256, type: 'application/octet-stream' })
  })

  it('FormData is sent raw with its multipart boundary and parsed by the function', async () => {
    const form = new FormData()
    form.append('field', 'value')
    form.append('file', new Blob(['file text']), 'a.txt')
    const r = await rt.invoke('form', { body: form })
    expect(r.status).toBe(200)
    expect(r.data).toEqual({ field: 'value', file: 'file text' })
  })
})

describe('bad input', () => {
  it('unknown function 404, disabled 403', async () => {
    const missing = await rt.invoke('nope')
    expect(missing.status).toBe(404)
    expect(missing.error!.message).toBe('Function not found')
    const off = await rt.invoke('off')
    expect(off.status).toBe(403)
    expect(off.error!.message).toBe('Function is disabled')
  })

  it('no credential is 401 unless the function allows unauthenticated calls; a bad token is always 401', async () => {
    const none = await fetch(`${rt.info.apiUrl}/api/v1/functions/hello/invoke`, { method: 'POST' })
    expect(none.status).toBe(401)
    expect((await none.json()).error).toMatch(/Authentication required/)
    const open = await fetch(`${rt.info.apiUrl}/api/v1/functions/open/invoke`, { method: 'POST' })
    expect(open.status).toBe(200)
    const bad = await rt.invoke('open', { token: 'not-a-token' })
    expect(bad.status).toBe(401)
  })

  it('a name with a path in it is refused with words, not run', async () => {
    const r = await fetch(`${rt.info.apiUrl}/api/v1/functions/..%2F_shared%2Fgreet/invoke`, { method: 'POST', headers: { Authorization: `Bearer ${rt.info.anonKey}` } })
    expect(r.status).toBe(400)
    expect((await r.json()).error).toMatch(/not a function name/)
    const nested = await fetch(`${rt.info.apiUrl}/api/v1/functions/ns/hello/invoke`, { method: 'POST', headers: { Authorization: `Bearer ${rt.info.anonKey}` } })
    expect(nested.status).toBe(404)
  })

  it('a body over the limit is 413 naming the limit', async () => {
    const r = await rt.api('/api/v1/functions/bytes/invoke', { method: 'POST', token: rt.info.anonKey, body: new Uint8Array(33 * 1024 * 1024), headers: { 'Content-Type': 'application/octet-stream' } })
    expect(r.status).toBe(413)
    expect((await r.json()).error).toMatch(/32 MB/)
  })

  it('an invalid impersonation token is 400', async () => {
    const r = await rt.invoke('hello', { headers: { 'X-Impersonation-Token': 'garbage' } })
    expect(r.status).toBe(400)
    expect(r.error!.message).toBe('Invalid impersonation token')
  })
})
