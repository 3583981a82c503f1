// The admin migrations API (contract §6) against a real runtime: service role only; create, list, update and delete
// with the status rules; apply in one transaction (a failing one leaves nothing behind, says why, and can be fixed
// and applied again); rollback (and, unlike upstream, applying again after it); apply-pending stopping at the first
// failure; sync by checksum with dry_run; the project folder's namespace is read-only here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
})
afterAll(async () => rt?.stop())

const BASE = '/api/v1/admin/migrations'
async function call(method: string, path: string, body?: unknown, token?: string) {
  const res = await rt.api(path, { method, token, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}
const tableExists = async (t: string) => (await rt.admin.query('SELECT to_regclass($1) IS NOT NULL AS ok', [t])).rows[0].ok as boolean

describe('admin migrations API', () => {
  it('is for the service role only', async () => {
    expect((await fetch(`${rt.info.apiUrl}${BASE}`)).status).toBe(401)
    expect((await call('GET', BASE, undefined, rt.info.anonKey)).status).toBe(403)
    const user = await rt.signToken({ sub: 'u1', role: 'authenticated' })
    expect((await call('POST', BASE, { name: 'x', up_sql: 'SELECT 1' }, user)).status).toBe(403)
  })

  it('creates, refuses duplicates and bad input with words, lists by name', async () => {
    const a = await call('POST', BASE, { name: '002_notes', up_sql: 'CREATE TABLE public.notes (id int PRIMARY KEY)', down_sql: 'DROP TABLE public.notes' })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({ name: '002_notes', namespace: 'default', status: 'pending' })
    expect((await call('POST', BASE, { name: '001_first', up_sql: 'SELECT 1' })).status).toBe(201)
    const dup = await call('POST', BASE, { name: '002_notes', up_sql: 'SELECT 1' })
    expect(dup.status).toBe(409)
    expect(dup.body.message).toContain('already exists')
    const bad = await call('POST', BASE, { name: '../x', up_sql: '' })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/name: .*letters/)
    const folder = await call('POST', `${BASE}?namespace=filesystem`, { name: 'f', up_sql: 'SELECT 1' })
    expect(folder.status).toBe(403)
    expect(folder.body.message).toContain('fluxbase/migrations/')
    const list = await call('GET', BASE)
    expect(list.body.map((m: { name: string }) => m.name)).toEqual(['001_first', '002_notes'])
    expect((await call('GET', `${BASE}?status=done`)).status).toBe(400)
    expect((await call('GET', `${BASE}/nope`)).status).toBe(404)
  })

  it('applies in one transaction; a failure leaves nothing, says why, and can be fixed and applied', async () => {
    await call('POST', BASE, { name: '003_broken', up_sql: 'CREATE TABLE public.half (id int); SELECT nope FROM public.half' })
    const failed = await call('POST', `${BASE}/003_broken/apply`)
    expect(failed.status).toBe(422)
    expect(failed.body.error).toContain('column "nope" does not exist')
    expect(failed.body.code).toBe('42703')
    expect(failed.body.migration.status).toBe('failed')
    expect(await tableExists('public.half')).toBe(false)
    const fixed = await call('PUT', `${BASE}/003_broken`, { up_sql: 'CREATE TABLE public.half (id int)' })
    expect(fixed.status).toBe(200)
    expect((await call('POST', `${BASE}/003_broken/apply`)).status).toBe(200)
    expect(await tableExists('public.half')).toBe(true)
    const again = await call('POST', `${BASE}/003_broken/apply`)
    expect(again.body.message).toContain('already applied')
    const runs = await call('GET', `${BASE}/003_broken/executions`)
    expect(runs.body.map((e: { status: string }) => e.status)).toEqual(['success', 'failed'])
    expect((await call('PUT', `${BASE}/003_broken`, { description: 'x' })).status).toBe(409)
    expect((await call('DELETE', `${BASE}/003_broken`)).status).toBe(409)
  })

  it('applies the pending ones in name order, and the API sees the new table', async () => {
    const res = await call('POST', `${BASE}/apply-pending`)
    expect(res.status).toBe(200)
    expect(res.body.applied).toEqual(['001_first', '002_notes'])
    const rows = await rt.api('/api/v1/tables/public/notes')
    expect(rows.status).toBe(200)
  })

  it('rolls back with down_sql, and can apply again afterwards (upstream cannot)', async () => {
    const rb = await call('POST', `${BASE}/002_notes/rollback`)
    expect(rb.status).toBe(200)
    expect(rb.body.migration.status).toBe('rolled_back')
    expect(await tableExists('public.notes')).toBe(false)
    expect((await call('POST', `${BASE}/001_first/rollback`)).status).toBe(400) // no down_sql
    expect((await call('POST', `${BASE}/002_notes/apply`)).status).toBe(200)
    expect(await tableExists('public.notes')).toBe(true)
  })

  it('deletes only pending ones', async () => {
    await call('POST', BASE, { name: '009_tmp', up_sql: 'SELECT 1' })
    expect((await call('DELETE', `${BASE}/009_tmp`)).status).toBe(204)
    expect((await call('GET', `${BASE}/009_tmp`)).status).toBe(404)
  })

  it('apply-pending stops at the first failure', async () => {
    const ns = 'stops'
    await call('POST', `${BASE}?namespace=${ns}`, { name: 'a', up_sql: 'CREATE TABLE public.stop_a (id int)' })
    await call('POST', `${BASE}?namespace=${ns}`, { name: 'b', up_sql: 'SELEC 1' })
    await call('POST', `${BASE}?namespace=${ns}`, { name: 'c', up_sql: 'CREATE TABLE public.stop_c (id int)' })
    const res = await call('POST', `${BASE}/apply-pending?namespace=${ns}`)
    expect(res.status).toBe(422)
    expect(res.body).toMatchObject({ applied: ['a'], failed: ['b'] })
    expect(res.body.message).toContain('syntax error')
    expect(await tableExists('public.stop_c')).toBe(false)
  })

  it('syncs by checksum: creates and applies, leaves unchanged ones, never rewrites an applied one; dry_run changes nothing', async () => {
    const ns = 'sync'
    const v1 = [
      { name: '001_a', up_sql: 'CREATE TABLE public.sync_a (id int)', down_sql: 'DROP TABLE public.sync_a' },
      { name: '002_b', up_sql: 'CREATE TABLE public.sync_b (id int)' },
    ]
    const first = await call('POST', `${BASE}/sync`, { namespace: ns, migrations: v1, options: { auto_apply: true } })
    expect(first.status).toBe(200)
    expect(first.body.summary).toMatchObject({ created: 2, applied: 2, errors: 0 })
    expect(await tableExists('public.sync_b')).toBe(true)
    const v2 = [v1[0], { name: '002_b', up_sql: 'CREATE TABLE public.sync_b (id bigint)' }, { name: '003_c', up_sql: 'CREATE TABLE public.sync_c (id int)' }]
    const dry = await call('POST', `${BASE}/sync`, { namespace: ns, migrations: v2, options: { auto_apply: true, dry_run: true } })
    expect(dry.body).toMatchObject({ dry_run: true, details: { unchanged: ['001_a'], skipped: ['002_b'], created: ['003_c'], applied: ['003_c'] } })
    expect(dry.body.warnings[0]).toContain('002_b is applied and its SQL changed')
    expect(await tableExists('public.sync_c')).toBe(false)
    expect((await call('GET', `${BASE}/003_c?namespace=${ns}`)).status).toBe(404)
    const real = await call('POST', `${BASE}/sync`, { namespace: ns, migrations: v2, options: { auto_apply: true } })
    expect(real.body.details.applied).toEqual(['003_c'])
    expect(await tableExists('public.sync_c')).toBe(true)
    const broken = await call('POST', `${BASE}/sync`, { namespace: ns, migrations: [...v2, { name: '004_bad', up_sql: 'SELEC 1' }, { name: '005_after', up_sql: 'SELECT 1' }], options: { auto_apply: true } })
    expect(broken.status).toBe(422)
    expect(broken.body.details.errors[0]).toMatch(/^004_bad: syntax error/)
    expect(broken.body.details.skipped).toContain('005_after')
  })

  it('refreshes the schema cache on request', async () => {
    const res = await call('POST', '/api/v1/admin/schema/refresh')
    expect(res.status).toBe(200)
    expect(res.body.relations).toBeGreaterThan(0)
  })
})
