// Catalog metadata for the table browser and the table dialogs, against a real runtime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(`CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL UNIQUE);
    CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors(id), title text CHECK (title <> ''));
    CREATE INDEX books_author ON books (author_id);
    ALTER TABLE books ENABLE ROW LEVEL SECURITY;
    CREATE POLICY readable ON books FOR SELECT TO authenticated USING (true);
    GRANT SELECT ON books TO authenticated;
    INSERT INTO authors SELECT g, 'a' || g FROM generate_series(1, 50) g; ANALYZE authors;`)
})
afterAll(async () => rt?.stop())

const studio = (p: string, init: RequestInit = {}) =>
  fetch(`${rt.info.apiUrl}${p}`, { ...init, headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json', ...(init.headers as object) } })

describe('table metadata', () => {
  it('lists tables with estimated rows and RLS badges', async () => {
    const { tables } = await (await studio('/studio/api/meta/tables')).json()
    const books = tables.find((t: { name: string }) => t.name === 'books')
    const authors = tables.find((t: { name: string }) => t.name === 'authors')
    expect(books).toMatchObject({ schema: 'public', kind: 'table', rls_enabled: true, policy_count: 1, authenticated_can_select: true, anon_can_select: false })
    expect(authors).toMatchObject({ rls_enabled: false, policy_count: 0, estimated_rows: 50 })
    expect(tables[0].schema).toBe('public')
  })

  it('describes one table: columns, keys, both directions of foreign keys, indexes, policies, grants', async () => {
    const t = await (await studio('/studio/api/meta/tables/public/books')).json()
    expect(t.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`)).toEqual(['id:integer', 'author_id:integer', 'title:text'])
    expect(t.primaryKey).toEqual(['id'])
    expect(t.foreignKeys[0]).toMatchObject({ to_table: 'authors', from_columns: ['author_id'], to_columns: ['id'] })
    expect(t.constraints.map((c: { type: string }) => c.type).sort()).toEqual(['check', 'foreign_key', 'not_null', 'primary_key'])
    expect(t.indexes.map((i: { name: string }) => i.name)).toContain('books_author')
    expect(t.policies[0]).toMatchObject({ name: 'readable', kind: 'permissive', command: 'SELECT', roles: ['authenticated'], using_expression: 'true' })
    expect(t.grants.find((g: { role: string }) => g.role === 'authenticated').privileges).toEqual(['SELECT'])
    const a = await (await studio('/studio/api/meta/tables/public/authors')).json()
    expect(a.referencedBy[0]).toMatchObject({ from_table: 'books', from_columns: ['author_id'] })
    expect((await studio('/studio/api/meta/tables/public/nope')).status).toBe(404)
  })
})

describe('table dialogs', () => {
  it('previews, then creates a table with RLS on and grants ticked by default', async () => {
    const spec = { name: 'Todo Items', columns: [{ name: 'id', type: 'bigint', primaryKey: true, default: undefined }, { name: 'title', type: 'text', nullable: false }, { name: 'done', type: 'boolean', default: 'false' }] }
    const preview = await (await studio('/studio/api/ddl/create-table', { method: 'POST', body: JSON.stringify(spec) })).json()
    expect(preview.ran).toBe(false)
    expect(preview.sql).toBe(
      'CREATE TABLE "public"."Todo Items" (\n  "id" bigint PRIMARY KEY,\n  "title" text NOT NULL,\n  "done" boolean DEFAULT false\n);\n' +
        'ALTER TABLE "public"."Todo Items" ENABLE ROW LEVEL SECURITY;\nGRANT SELECT, INSERT, UPDATE, DELETE ON "public"."Todo Items" TO anon, authenticated;',
    )
    const ran = await (await studio('/studio/api/ddl/create-table', { method: 'POST', body: JSON.stringify({ ...spec, run: true }) })).json()
    expect(ran.ran).toBe(true)
    const { rows } = await rt.admin.query(`SELECT relrowsecurity FROM pg_class WHERE relname = 'Todo Items'`)
    expect(rows).toEqual([{ relrowsecurity: true }])
    expect(rt.ctx.logs.recent().some((e) => e.category === 'studio' && e.message === 'studio: create table')).toBe(true)
  })

  it('adds and drops a column', async () => {
    await studio('/studio/api/ddl/add-column', { method: 'POST', body: JSON.stringify({ schema: 'public', table: 'authors', column: { name: 'born', type: 'date' }, run: true }) })
    let cols = await rt.admin.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'authors' ORDER BY ordinal_position`)
    expect(cols.rows.map((r) => r.column_name)).toEqual(['id', 'name', 'born'])
    await studio('/studio/api/ddl/drop-column', { method: 'POST', body: JSON.stringify({ schema: 'public', table: 'authors', column: 'born', run: true }) })
    cols = await rt.admin.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'authors' ORDER BY ordinal_position`)
    expect(cols.rows.map((r) => r.column_name)).toEqual(['id', 'name'])
  })

  it('refuses bad specs and SQL errors with words, changing nothing', async () => {
    const badType = await studio('/studio/api/ddl/create-table', { method: 'POST', body: JSON.stringify({ name: 'x', columns: [{ name: 'a', type: 'text; DROP TABLE authors' }] }) })
    expect(badType.status).toBe(400)
    expect((await badType.json()).error).toContain('columns.0.type')
    const dup = await studio('/studio/api/ddl/create-table', { method: 'POST', body: JSON.stringify({ name: 'authors', columns: [{ name: 'a', type: 'text' }], run: true }) })
    expect(dup.status).toBe(400)
    expect((await dup.json()).error).toContain('already exists')
  })
})
