// test/integration/project/studio-replay-corpus.test.ts — issue 17's replay corpus: 33 schema changes made through
// the studio's own endpoints (table dialogs incl. the column rename, policy apply, realtime on, the SQL console's
// "save as migration") each become a numbered migration file; replaying the folder into an empty database (the drift
// check builds it from the files alone) gives the same schema: @pgkit/migra reports nothing. A rename is written as
// a rename (the data stays); downs are written where the inverse is known; bad SQL writes nothing.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { makeProject, type TestProject } from './project-folder.js'

let rt: TestRuntime
let project: TestProject

async function call(method: string, route: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(rt.info.apiUrl + route, {
    method,
    headers: { Authorization: `Bearer ${rt.info.studioToken}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

async function ok(method: string, route: string, body?: unknown): Promise<Record<string, unknown>> {
  const r = await call(method, route, body)
  expect(r.status, `${route} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBeLessThan(300)
  return r.body
}

const ddl = (kind: string, body: Record<string, unknown>) => ok('POST', `/studio/api/ddl/${kind}`, { ...body, run: true })
const sql = (name: string, text: string) => ok('POST', '/studio/api/sql/save-as-migration', { name, sql: text })
const policy = (name: string, text: string) => ok('POST', '/studio/api/rls/apply', { name, sql: text })
const upFiles = () => fs.readdirSync(project.migrationsDir).filter((f) => f.endsWith('.up.sql')).sort()
const read = (file: string) => fs.readFileSync(path.join(project.migrationsDir, file), 'utf8')

beforeAll(async () => {
  project = makeProject()
  rt = await startTestRuntime({ project: project.root })
}, 120_000)

afterAll(async () => {
  await rt?.stop()
  project?.remove()
})

describe('studio changes → migrations → replay gives the same schema', () => {
  it('33 changes through the studio endpoints replay to the same schema (drift check: in sync)', async () => {
    const col = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ name, type, ...extra })
    // Tables (create-table dialog).
    await ddl('create-table', { name: 'authors', columns: [col('id', 'uuid', { primaryKey: true, default: 'gen_random_uuid()' }), col('name', 'text', { nullable: false })] })
    await ddl('create-table', { name: 'posts', columns: [col('id', 'int8', { primaryKey: true }), col('author_id', 'uuid', { references: { table: 'authors', column: 'id' } }), col('title', 'text'), col('body', 'text')] })
    await ddl('add-column', { schema: 'public', table: 'posts', column: col('published', 'bool', { nullable: false, default: 'false' }) })
    await rt.admin.query(`INSERT INTO authors (id, name) VALUES ('a1000000-0000-4000-8000-000000000001', 'Ann')`)
    await rt.admin.query(`INSERT INTO posts (id, author_id, title, body) VALUES (1, 'a1000000-0000-4000-8000-000000000001', 'Hello', 'first words')`)
    // Renames (the structure tab's rename dialog), type changes, constraints, indexes.
    const renamed = await ddl('rename-column', { schema: 'public', table: 'posts', from: 'body', to: 'content' })
    await ddl('rename-column', { schema: 'public', table: 'authors', from: 'name', to: 'display_name' })
    await sql('title as varchar', 'ALTER TABLE posts ALTER COLUMN title TYPE varchar(200)')
    await sql('title not empty', 'ALTER TABLE posts ADD CONSTRAINT title_not_empty CHECK (length(title) > 0)')
    const index = await sql('posts by author', 'CREATE INDEX posts_author_idx ON posts (author_id)')
    await sql('unique author names', 'CREATE UNIQUE INDEX authors_display_name_key ON authors (display_name)')
    // Enums.
    await sql('post state enum', "CREATE TYPE post_state AS ENUM ('draft', 'live')")
    const enumValue = await sql('archived state', "ALTER TYPE post_state ADD VALUE 'archived'")
    await ddl('add-column', { schema: 'public', table: 'posts', column: col('state', 'post_state', { default: "'draft'" }) })
    // Policies (the RLS what-if's apply).
    await policy('read live posts', 'CREATE POLICY read_live ON public.posts FOR SELECT USING (published)')
    await policy('authors edit own', "CREATE POLICY authors_edit_own ON public.posts FOR UPDATE USING (author_id::text = current_setting('app.user_id', true))")
    // Functions and triggers.
    await sql('touch function', 'CREATE FUNCTION touch_updated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$')
    await ddl('add-column', { schema: 'public', table: 'posts', column: col('updated_at', 'timestamptz', { default: 'now()' }) })
    await sql('touch trigger', 'CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch_updated()')
    // Grants.
    await sql('anon reads authors', 'GRANT SELECT ON authors TO anon')
    await sql('anon may not delete posts', 'REVOKE DELETE ON posts FROM anon')
    // More tables: a table rename, add then drop a column, a composite key, RLS on, realtime on, a view.
    await ddl('create-table', { name: 'tags', columns: [col('id', 'int8', { primaryKey: true }), col('label', 'text')] })
    await sql('tags are labels', 'ALTER TABLE tags RENAME TO labels')
    await ddl('add-column', { schema: 'public', table: 'labels', column: col('color', 'text') })
    await ddl('drop-column', { schema: 'public', table: 'labels', column: 'color' })
    await sql('post labels', 'CREATE TABLE post_labels (post_id bigint REFERENCES posts (id), label_id bigint REFERENCES labels (id), PRIMARY KEY (post_id, label_id))')
    await sql('post labels rls', 'ALTER TABLE post_labels ENABLE ROW LEVEL SECURITY')
    await ok('PUT', '/studio/api/realtime/tables/public/posts', { enabled: true })
    await sql('live posts view', 'CREATE VIEW live_posts AS SELECT id, title FROM posts WHERE published')
    await sql('content default', "ALTER TABLE posts ALTER COLUMN content SET DEFAULT ''")
    await sql('reporting', 'CREATE SCHEMA reporting; CREATE FUNCTION reporting.post_count() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM public.posts $$')
    await sql('author bio', 'ALTER TABLE authors ADD COLUMN bio text, ADD CONSTRAINT bio_len CHECK (length(bio) < 2000)')
    await ddl('rename-column', { schema: 'public', table: 'post_labels', from: 'label_id', to: 'tag_id' })
    await sql('report for users', 'GRANT EXECUTE ON FUNCTION reporting.post_count() TO authenticated')
    await sql('posts comment', "COMMENT ON TABLE posts IS 'blog posts'")

    const files = upFiles()
    expect(files.length).toBe(33)
    expect(files[0]).toMatch(/^001_/)
    // A rename is a rename, its down renames back, and the data stayed.
    const renameFile = path.basename(renamed.migrationFile as string)
    expect(read(renameFile)).toContain('ALTER TABLE "public"."posts" RENAME COLUMN "body" TO "content"')
    expect(read(renameFile)).not.toMatch(/DROP COLUMN|ADD COLUMN/)
    expect(read(renameFile.replace('.up.sql', '.down.sql'))).toContain('RENAME COLUMN "content" TO "body"')
    expect((await rt.admin.query('SELECT content FROM posts WHERE id = 1')).rows[0].content).toBe('first words')
    // Downs where the inverse is known, none (and why) where it is not.
    expect(read(path.basename(index.downFile as string))).toContain('DROP INDEX "posts_author_idx"')
    expect(enumValue.downFile).toBeNull()
    expect(enumValue.noDown).toBe('line 1: no known inverse for AlterEnumStmt')
    const realtime = files.find((f) => f.includes('realtime_on'))!
    expect(read(realtime)).toContain('REPLICA IDENTITY FULL')
    expect(read(realtime.replace('.up.sql', '.down.sql'))).toContain('REPLICA IDENTITY DEFAULT')

    // Replay: the drift check builds the folder into an empty database and compares it with the live one.
    const diff = await ok('GET', '/studio/api/project/diff')
    expect(diff).toEqual({ inSync: true, statements: [] })
    // The check can fail: a change behind the folder's back is reported.
    await rt.admin.query('ALTER TABLE labels ADD COLUMN sneaky int')
    try {
      const drift = await ok('GET', '/studio/api/project/diff')
      expect(drift.inSync).toBe(false)
      expect(JSON.stringify(drift.statements)).toContain('sneaky')
    } finally {
      await rt.admin.query('ALTER TABLE labels DROP COLUMN sneaky')
    }
  }, 240_000)

  it('"save as migration" refuses SQL that does not parse or holds its own transaction, writing nothing', async () => {
    const before = upFiles()
    const syntax = await call('POST', '/studio/api/sql/save-as-migration', { name: 'broken', sql: 'CREATE TABLE ok (id int);\nCREATE TABEL nope (id int)' })
    expect(syntax.status).toBe(400)
    expect(syntax.body.message).toMatch(/syntax error at or near "TABEL" \(line 2\); nothing was run or written/)
    const tx = await call('POST', '/studio/api/sql/save-as-migration', { name: 'tx', sql: 'BEGIN; CREATE TABLE t2 (id int); COMMIT' })
    expect(tx.status).toBe(400)
    expect(tx.body.message).toMatch(/line 1: a migration runs in its own transaction/)
    const failing = await call('POST', '/studio/api/sql/save-as-migration', { name: 'fails', sql: 'CREATE TABLE fine (id int); ALTER TABLE missing ADD COLUMN x int' })
    expect(failing.status).toBe(400)
    expect(failing.body.message).toMatch(/relation "missing" does not exist/)
    expect((await rt.admin.query("SELECT to_regclass('public.fine') AS t")).rows[0].t).toBeNull()
    expect(upFiles()).toEqual(before)
  })
})
