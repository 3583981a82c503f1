// test/integration/realtime/fixtures.ts — the tables realtime tests share: `posts` under RLS (owners see their own
// rows, anon sees status = 'public'), enabled for realtime through the admin API like a developer would.
import crypto from 'node:crypto'
import type { TestRuntime } from '../../helpers/runtime.js'

export const ALICE = crypto.randomUUID()
export const BOB = crypto.randomUUID()

export async function createPosts(rt: TestRuntime, table = 'posts'): Promise<void> {
  await rt.admin.query(`
    CREATE TABLE public.${table} (
      id serial PRIMARY KEY,
      owner uuid,
      title text,
      status text DEFAULT 'draft',
      score int DEFAULT 0,
      big jsonb
    );
    ALTER TABLE public.${table} ENABLE ROW LEVEL SECURITY;
    GRANT SELECT ON public.${table} TO anon, authenticated;
    CREATE POLICY ${table}_owner ON public.${table} FOR SELECT TO authenticated USING (owner = auth.uid());
    CREATE POLICY ${table}_public ON public.${table} FOR SELECT TO anon USING (status = 'public');
  `)
  const res = await rt.api('/api/v1/admin/realtime/tables', { method: 'POST', body: JSON.stringify({ schema: 'public', table }) })
  if (res.status !== 201) throw new Error(`enable ${table}: ${res.status} ${await res.text()}`)
}

export async function userToken(rt: TestRuntime, sub: string): Promise<string> {
  return rt.signToken({ sub, role: 'authenticated', email: `${sub.slice(0, 8)}@example.com` })
}

export async function insertPost(rt: TestRuntime, values: { owner?: string | null; title: string; status?: string; score?: number; big?: unknown }, table = 'posts'): Promise<number> {
  const { rows } = await rt.admin.query(
    `INSERT INTO public.${table} (owner, title, status, score, big) VALUES ($1, $2, coalesce($3, 'draft'), coalesce($4, 0), $5) RETURNING id`,
    [values.owner ?? null, values.title, values.status ?? null, values.score ?? null, values.big === undefined ? null : JSON.stringify(values.big)],
  )
  return rows[0].id
}

/** A table every test client also subscribes to: changes arrive in commit order, so once a client has seen a fence
 *  row, every earlier change it was going to get is there too. Proves absence without sleeping. */
export async function createFences(rt: TestRuntime): Promise<void> {
  await rt.admin.query('CREATE TABLE public.fences (id serial PRIMARY KEY); GRANT SELECT ON public.fences TO anon, authenticated')
  const res = await rt.api('/api/v1/admin/realtime/tables', { method: 'POST', body: JSON.stringify({ table: 'fences' }) })
  if (res.status !== 201) throw new Error(`enable fences: ${res.status}`)
}

export async function insertFence(rt: TestRuntime): Promise<number> {
  return (await rt.admin.query('INSERT INTO public.fences DEFAULT VALUES RETURNING id')).rows[0].id
}
