// Defects 5 and 6 of issue 24: hostile REST input answers 4xx with words (a 20,000-long `not.` chain, more values
// than PostgreSQL's 16-bit parameter count), and unknown-name hints never name what the caller's role may not use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
const T = '/api/v1/tables'

beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(`
    CREATE TABLE public.items (id int PRIMARY KEY, label text);
    INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 5) g;
    GRANT SELECT ON public.items TO anon, authenticated;
    CREATE SCHEMA private;
    REVOKE ALL ON SCHEMA private FROM PUBLIC;
    CREATE TABLE private.payroll (id int PRIMARY KEY, ssn text, salary int);
    CREATE TABLE public.people (id int PRIMARY KEY, name text, secret_notes text);
    REVOKE ALL ON public.people FROM anon, authenticated;
    GRANT SELECT (id, name) ON public.people TO anon;
  `)
})
afterAll(async () => {
  await rt?.stop()
})

async function json(res: Response): Promise<{ status: number; body: Record<string, string> }> {
  return { status: res.status, body: (await res.json()) as Record<string, string> }
}

describe('hostile input gets a 4xx with words', () => {
  it('a 20,000-long not. chain in POST …/query is refused at the depth limit', async () => {
    const res = await json(await rt.api(`${T}/items/query`, { method: 'POST', body: JSON.stringify({ orFilters: ['not.'.repeat(20_000) + 'id.eq.1'] }) }))
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/nested deeper than 32 levels.*not\./)
  })

  it('an even chain of not. within the limit still negates correctly', async () => {
    const res = await rt.api(`${T}/items/query`, { method: 'POST', body: JSON.stringify({ select: 'id', orFilters: ['not.not.not.id.gt.2'], order: [{ column: 'id' }] }) })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual([{ id: 1 }, { id: 2 }])
  })

  it('70,000 OR items are refused with a 400 naming the 65,535-parameter limit', async () => {
    const items = Array.from({ length: 70_000 }, (_, i) => `id.eq.${i}`).join(',')
    const res = await json(await rt.api(`${T}/items/query`, { method: 'POST', body: JSON.stringify({ orFilters: [items] }) }))
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/more than 65535 values/)
  })
})

describe('name suggestions respect the caller’s privileges', () => {
  it('anon is told nothing about a revoked schema’s columns or tables', async () => {
    const cols = await json(await rt.api(`${T}/private/payroll?select=nope`, { token: rt.info.anonKey }))
    expect(cols.status).toBe(400)
    expect(JSON.stringify(cols.body)).not.toMatch(/ssn|salary/)
    const table = await json(await rt.api(`${T}/private/payrol`, { token: rt.info.anonKey }))
    expect(table.status).toBe(404)
    expect(JSON.stringify(table.body)).not.toMatch(/payroll'/)
  })

  it('anon is not offered auth.users columns', async () => {
    const res = await json(await rt.api(`${T}/auth/users?select=emial`, { token: rt.info.anonKey }))
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.body.hint ?? '').not.toMatch(/email|encrypted_password/)
  })

  it('anon gets suggestions among the columns it may use, and only those', async () => {
    const near = await json(await rt.api(`${T}/people?select=nme`, { token: rt.info.anonKey }))
    expect(near.body.hint).toBe('Perhaps you meant the column "name"')
    const far = await json(await rt.api(`${T}/people?select=zzzzzzzz`, { token: rt.info.anonKey }))
    expect(far.body.hint).toBe('columns: id, name')
    const secret = await json(await rt.api(`${T}/people?select=secret_note`, { token: rt.info.anonKey }))
    expect(secret.body.hint ?? '').not.toMatch(/secret_notes/)
  })

  it('the service role keeps full suggestions', async () => {
    const cols = await json(await rt.api(`${T}/private/payroll?select=salery`))
    expect(cols.body.hint).toBe('Perhaps you meant the column "salary"')
    const table = await json(await rt.api(`${T}/private/payrol`))
    expect(table.body.hint).toBe("Perhaps you meant the table 'private.payroll'")
  })
})
