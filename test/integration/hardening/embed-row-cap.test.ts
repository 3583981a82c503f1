// Issue 24, defect 2's embed half: rows per embedded array are capped in SQL (the embed reads at most cap + 1 rows
// per parent row, so PostgreSQL never builds an oversized array), and a parent with more gets a 400 naming the limit
// and the flag. An explicit limit within the cap, filters, and nested embeds within it still answer 200.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
const T = '/api/v1/tables'

beforeAll(async () => {
  rt = await startTestRuntime({ limits: { maxEmbedRows: 50 } })
  await rt.admin.query(`
    CREATE TABLE public.parents (id int PRIMARY KEY);
    CREATE TABLE public.children (id serial PRIMARY KEY, parent_id int REFERENCES public.parents, body text);
    CREATE TABLE public.toys (id serial PRIMARY KEY, child_id int REFERENCES public.children);
    INSERT INTO public.parents SELECT g FROM generate_series(1, 3) g;
    -- Parent 1 has 5,000 children (a 200 before the cap), the others 10 each.
    INSERT INTO public.children (parent_id, body) SELECT 1, repeat('x', 50) FROM generate_series(1, 5000);
    INSERT INTO public.children (parent_id, body) SELECT 2 + g % 2, 'y' FROM generate_series(1, 20) g;
    INSERT INTO public.toys (child_id) SELECT 5001 FROM generate_series(1, 51);
    GRANT SELECT ON public.parents, public.children, public.toys TO anon, authenticated;
  `)
})
afterAll(async () => {
  await rt?.stop()
})

interface Row { id: number; children: Array<{ toys: unknown[] }> }
type Body = { code?: string; error?: string; details?: string; hint?: string } & Row[]

async function get(path: string, token?: string): Promise<{ status: number; body: Body }> {
  const res = await rt.api(`${T}/${path}`, { token })
  return { status: res.status, body: await res.json() }
}

describe('rows per embedded array', () => {
  it('refuses a parent row with more embedded rows than the cap, naming the embed, the limit and the flag', async () => {
    for (const token of [rt.info.anonKey, undefined]) {
      const res = await get('parents?select=id,children(id,body)&order=id', token)
      expect(res.status).toBe(400)
      expect(res.body.code).toBe('PGRST_EMBED_TOO_LARGE')
      expect(res.body.error).toMatch(/embedded "children" has more than 50 rows/)
      expect(res.body.details).toMatch(/--max-embed-rows/)
      expect(res.body.hint).toMatch(/children\.limit/)
    }
  })

  it('answers within the cap: an explicit limit, a filter, and an embed that fits', async () => {
    const limited = await get('parents?select=id,children(id)&children.limit=50&children.order=id&order=id')
    expect(limited.status).toBe(200)
    expect(limited.body.map((p: Row) => p.children.length)).toEqual([50, 10, 10])
    const filtered = await get('parents?select=id,children(id)&id=gt.1&order=id')
    expect(filtered.status).toBe(200)
    expect(filtered.body.map((p: Row) => p.children.length)).toEqual([10, 10])
    const exactlyAtCap = await get('children?select=id,toys(id)&id=eq.5001')
    expect(exactlyAtCap.status).toBe(400)
    expect(exactlyAtCap.body.error).toMatch(/embedded "toys" has more than 50 rows/)
  })

  it('applies at every level of a nested embed', async () => {
    const nested = await get('parents?select=id,children(id,toys(id))&id=eq.2')
    expect(nested.status).toBe(200)
    await rt.admin.query('DELETE FROM public.toys WHERE id > 50')
    const atCap = await get('parents?select=id,children(id,toys(id))&id=eq.3&children.id=eq.5001')
    expect(atCap.status).toBe(200)
    expect(atCap.body[0].children[0].toys).toHaveLength(50)
  })
})
