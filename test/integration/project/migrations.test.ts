// The project folder's migrations against a real runtime: applied at start and when saved, located failures that
// leave the previous state and a serving runtime, seeds on a new data directory only, drift, studio changes as files.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'
import { eventually, makeProject, type TestProject } from './project-folder.js'

let project: TestProject
let dataDir: string
let rt: TestRuntime

const studio = (p: string, init: RequestInit = {}) =>
  fetch(`${rt.info.apiUrl}${p}`, { ...init, headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json', ...(init.headers as object) } })
const status = async () => (await studio('/studio/api/project')).json()
const regclass = async (name: string) => (await rt.admin.query('SELECT to_regclass($1) AS t', [name])).rows[0].t
/** The folder's state once the watcher has reported a failure of `name`. */
const failedStatus = (name: string) =>
  eventually(async () => {
    const st = await status()
    return st.failure?.name === name ? st : undefined
  })

beforeAll(async () => {
  project = makeProject(
    {
      '001_todos.up.sql': 'CREATE TABLE todos (id serial PRIMARY KEY, title text NOT NULL);\nGRANT SELECT ON todos TO anon;\n',
      '001_todos.down.sql': 'DROP TABLE todos;\n',
      '002_done.up.sql': 'ALTER TABLE todos ADD COLUMN done boolean NOT NULL DEFAULT false;\n',
    },
    "INSERT INTO todos (title) VALUES ('seeded one'), ('seeded two');\n",
  )
  dataDir = tempDataDir()
  rt = await startTestRuntime({ dataDir, project: project.root })
})
afterAll(async () => {
  await rt?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
  project?.remove()
})

describe('project migrations', () => {
  it('applies every migration and the seed to a new data directory, each tracked with its checksum', async () => {
    const { rows } = await rt.admin.query('SELECT title, done FROM todos ORDER BY id')
    expect(rows).toEqual([
      { title: 'seeded one', done: false },
      { title: 'seeded two', done: false },
    ])
    const tracked = await rt.admin.query(`SELECT name, status, length(checksum) AS len, down_sql IS NOT NULL AS has_down FROM migrations.app WHERE namespace = 'filesystem' ORDER BY name`)
    expect(tracked.rows).toEqual([
      { name: '001_todos', status: 'applied', len: 64, has_down: true },
      { name: '002_done', status: 'applied', len: 64, has_down: false },
    ])
    const s = await status()
    expect(s).toMatchObject({ root: project.root, exists: true, seeded: true, failure: null, drift: [] })
    expect(s.migrations.map((m: { state: string }) => m.state)).toEqual(['applied', 'applied'])
    // The API knows the tables at once.
    expect((await rt.api('/api/v1/tables/todos?select=title', { token: rt.info.anonKey })).status).toBe(200)
  })

  it('applies a new file soon after it is saved', async () => {
    project.write('003_tags.up.sql', 'CREATE TABLE tags (name text PRIMARY KEY);\n')
    await eventually(() => regclass('public.tags'))
  })

  it('a failing migration leaves the previous state, keeps serving, and says where and why', async () => {
    project.write('004_bad.up.sql', '-- adds notes\nCREATE TABLE notes (id int);\nALTER TABLE todos ADD COLUMN owner uuid REFERENCES nowhere (id);\n')
    const s = await failedStatus('004_bad')
    expect(s.failure).toMatchObject({ name: '004_bad', line: 3, code: '42P01' })
    expect(s.failure.message).toContain('relation "nowhere" does not exist')
    expect(s.failure.file).toBe(path.join(project.migrationsDir, '004_bad.up.sql'))
    expect(await regclass('public.notes')).toBeNull()
    expect(s.migrations.find((m: { name: string }) => m.name === '004_bad').state).toBe('failed')
    expect((await rt.api('/health')).status).toBe(200)
    expect(rt.ctx.logs.recent().some((e) => e.component === 'project' && e.level === 'error' && e.message.includes('004_bad.up.sql:3'))).toBe(true)
    // Fixed in place, it applies.
    project.write('004_bad.up.sql', 'CREATE TABLE notes (id int);\n')
    await eventually(() => regclass('public.notes'))
    await eventually(async () => (await status()).failure === null)
  })

  it('a syntax error is found by the parser, with its line, before anything runs', async () => {
    project.write('005_typo.up.sql', 'CREATE TABLE typo_ok (id int);\n\nCREAT TABLE typo (id int);\n')
    const s = await failedStatus('005_typo')
    expect(s.failure).toMatchObject({ name: '005_typo', line: 3, code: '42601' })
    expect(s.failure.message).toContain('syntax error at or near "CREAT"')
    expect(await regclass('public.typo_ok')).toBeNull()
    fs.rmSync(path.join(project.migrationsDir, '005_typo.up.sql'))
  })

  it('refuses a file with its own BEGIN/COMMIT and two files with one number, naming them', async () => {
    project.write('005_tx.up.sql', 'BEGIN;\nCREATE TABLE tx (id int);\nCOMMIT;\n')
    const s = await failedStatus('005_tx')
    expect(s.failure).toMatchObject({ line: 1 })
    expect(s.failure.hint).toContain('remove BEGIN/COMMIT')
    fs.rmSync(path.join(project.migrationsDir, '005_tx.up.sql'))
    project.write('005_a.up.sql', 'CREATE TABLE clash_a (id int);\n')
    project.write('005_b.up.sql', 'CREATE TABLE clash_b (id int);\n')
    await studio('/studio/api/project/migrate', { method: 'POST' })
    const st = await status()
    expect(st.problems.some((p: { message: string }) => p.message.includes('005_b.up.sql has the same number as 005_a.up.sql'))).toBe(true)
    expect((await rt.admin.query("SELECT to_regclass('public.clash_a') a, to_regclass('public.clash_b') b")).rows[0]).toEqual({ a: null, b: null })
    fs.rmSync(path.join(project.migrationsDir, '005_b.up.sql'))
    await studio('/studio/api/project/migrate', { method: 'POST' })
    expect((await rt.admin.query("SELECT to_regclass('public.clash_a') a")).rows[0].a).toBe('clash_a')
  })

  it('an applied file edited afterwards is drift: shown, never re-run, until accepted', async () => {
    const file = path.join(project.migrationsDir, '003_tags.up.sql')
    fs.writeFileSync(file, 'CREATE TABLE tags (name text PRIMARY KEY, colour text);\n')
    await studio('/studio/api/project/migrate', { method: 'POST' })
    const s = await status()
    expect(s.drift).toEqual(['003_tags'])
    expect(s.migrations.find((m: { name: string }) => m.name === '003_tags').state).toBe('drift')
    expect((await rt.admin.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'tags'")).rows[0].n).toBe(1)
    const accepted = await studio('/studio/api/project/drift/accept', { method: 'POST', body: JSON.stringify({ name: '003_tags' }) })
    expect(accepted.status).toBe(200)
    expect((await status()).drift).toEqual([])
  })

  it('studio changes become numbered files recorded as applied, with a down file where the inverse is known', async () => {
    const res = await studio('/studio/api/ddl/create-table', {
      method: 'POST',
      body: JSON.stringify({ name: 'projects', columns: [{ name: 'id', type: 'int8', primaryKey: true }], run: true }),
    })
    const body = await res.json()
    expect(body.migrationFile).toBe(path.join(project.migrationsDir, '006_create_table_projects.up.sql'))
    expect(fs.readFileSync(body.migrationFile, 'utf8')).toContain('CREATE TABLE "public"."projects"')
    expect(fs.readFileSync(body.migrationFile.replace('.up.sql', '.down.sql'), 'utf8')).toContain('DROP TABLE "public"."projects"')
    const s = await status()
    expect(s.migrations.find((m: { name: string }) => m.name === '006_create_table_projects').state).toBe('applied')
    const failed = await studio('/studio/api/ddl/create-table', { method: 'POST', body: JSON.stringify({ name: 'projects', columns: [{ name: 'id', type: 'int8' }], run: true }) })
    expect(failed.status).toBe(400)
    expect(fs.readdirSync(project.migrationsDir).filter((f) => f.startsWith('007'))).toEqual([])
  })

  it('migration new makes the next numbered pair, and refuses a name without letters', async () => {
    const res = await studio('/studio/api/project/migrations', { method: 'POST', body: JSON.stringify({ name: 'Add comments!' }) })
    expect(await res.json()).toMatchObject({ name: '007_add_comments' })
    expect(fs.existsSync(path.join(project.migrationsDir, '007_add_comments.up.sql'))).toBe(true)
    const bad = await studio('/studio/api/project/migrations', { method: 'POST', body: JSON.stringify({ name: '!!!' }) })
    expect(bad.status).toBe(400)
  })

  it('a later start applies only new migrations and never seeds again', async () => {
    await rt.admin.query('DELETE FROM todos')
    await rt.stop()
    project.write('008_later.up.sql', 'CREATE TABLE later (id int);\n')
    rt = await startTestRuntime({ dataDir, project: project.root })
    expect((await rt.admin.query('SELECT count(*)::int AS n FROM todos')).rows[0].n).toBe(0)
    expect(await regclass('public.later')).toBe('later')
  })
})
