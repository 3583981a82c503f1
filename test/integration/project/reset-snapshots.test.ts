// Reset and snapshots against a real runtime: the folder's database cloned from its template (keys, settings and
// the runtime kept), snapshots of database + storage files saved and restored while API requests run, and the
// bad inputs (a broken folder, a second reset at once, a name with a path, an unknown snapshot).
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { makeProject, type TestProject } from './project-folder.js'

let project: TestProject
let rt: TestRuntime

const studio = (p: string, init: RequestInit = {}) =>
  fetch(`${rt.info.apiUrl}${p}`, { ...init, headers: { Authorization: `Bearer ${rt.info.studioToken}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers as object) } })
const post = (p: string, body?: unknown) => studio(p, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) })
const titles = async () => (await rt.admin.query('SELECT title FROM todos ORDER BY id')).rows.map((r) => r.title)

beforeAll(async () => {
  project = makeProject(
    {
      '001_todos.up.sql': 'CREATE TABLE todos (id serial PRIMARY KEY, title text NOT NULL);\nGRANT SELECT, INSERT ON todos TO anon;\nGRANT USAGE ON SEQUENCE todos_id_seq TO anon;\n',
    },
    "INSERT INTO todos (title) VALUES ('seed');\n",
  )
  rt = await startTestRuntime({ project: project.root })
})
afterAll(async () => {
  await rt?.stop()
  project?.remove()
})

describe('reset', () => {
  it('rebuilds the database from the folder, keeping keys and settings, while requests keep being answered', async () => {
    await rt.admin.query("INSERT INTO todos (title) VALUES ('typed by hand'); CREATE TABLE behind_the_folder (id int)")
    const settingsBefore = (await rt.admin.query("SELECT value FROM fluxbase_meta.settings WHERE key = 'api_role_password'")).rows
    // Requests running while the database is swapped wait at the gate instead of failing.
    let stop = false
    const statuses: number[] = []
    const load = (async () => {
      while (!stop) statuses.push((await rt.api('/api/v1/tables/todos?select=title', { token: rt.info.anonKey })).status)
    })()
    const res = await post('/studio/api/project/reset')
    stop = true
    await load
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ built: true })
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    expect(await titles()).toEqual(['seed'])
    expect((await rt.admin.query("SELECT to_regclass('public.behind_the_folder') AS t")).rows[0].t).toBeNull()
    expect((await rt.admin.query("SELECT value FROM fluxbase_meta.settings WHERE key = 'api_role_password'")).rows).toEqual(settingsBefore)
    // The same keys still work, and writes go to the new database.
    const insert = await rt.api('/api/v1/tables/todos', { method: 'POST', token: rt.info.anonKey, body: JSON.stringify({ title: 'after reset' }) })
    expect(insert.status).toBe(201)
    expect(await titles()).toEqual(['seed', 'after reset'])
  })

  it('an unchanged folder reuses its template; a second reset at once is refused', async () => {
    const [a, b] = await Promise.all([post('/studio/api/project/reset'), post('/studio/api/project/reset')])
    const answers = [a.status, b.status].sort()
    expect(answers).toEqual([200, 409])
    const ok = a.status === 200 ? a : b
    expect(await ok.json()).toMatchObject({ built: false })
    const refused = a.status === 409 ? a : b
    expect((await refused.json()).error).toContain('already running')
  })

  it('a folder that cannot be built leaves the live database as it was', async () => {
    await rt.admin.query("INSERT INTO todos (title) VALUES ('kept')")
    const file = project.write('002_broken.up.sql', 'ALTER TABLE todos ADD COLUMN x int REFERENCES missing (id);\n')
    const res = await post('/studio/api/project/reset')
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.error).toContain('002_broken.up.sql:1')
    expect(body.error).toContain('relation "missing" does not exist')
    expect(await titles()).toContain('kept')
    fs.rmSync(file)
  })
})

describe('snapshots', () => {
  it('save, delete rows, restore: the rows and storage files come back; list shows size and time', async () => {
    await rt.admin.query("DELETE FROM todos; INSERT INTO todos (title) VALUES ('one'), ('two')")
    const bucket = await rt.api('/api/v1/storage/buckets', { method: 'POST', body: JSON.stringify({ name: 'docs' }) })
    expect(bucket.status).toBeLessThan(300)
    const upload = await rt.api('/api/v1/storage/docs/a.txt', { method: 'POST', body: 'hello', headers: { 'Content-Type': 'text/plain' } })
    expect(upload.status).toBeLessThan(300)
    const saved = await post('/studio/api/project/snapshots', { name: 'before-delete' })
    expect(saved.status).toBe(200)
    const info = await saved.json()
    expect(info).toMatchObject({ name: 'before-delete' })
    expect(info.sizeBytes).toBeGreaterThan(1_000_000)
    expect(info.storageBytes).toBe(5)
    await rt.admin.query('DELETE FROM todos')
    await rt.api('/api/v1/storage/docs', { method: 'DELETE', body: JSON.stringify({ prefixes: ['a.txt'] }) })
    const restored = await post('/studio/api/project/snapshots/before-delete/restore')
    expect(restored.status).toBe(200)
    expect(await titles()).toEqual(['one', 'two'])
    const file = await rt.api('/api/v1/storage/docs/a.txt')
    expect(file.status).toBe(200)
    expect(await file.text()).toBe('hello')
    const list = await (await studio('/studio/api/project/snapshots')).json()
    expect(list.snapshots.map((s: { name: string }) => s.name)).toEqual(['before-delete'])
    expect(Date.parse(list.snapshots[0].createdAt)).toBeGreaterThan(Date.now() - 120_000)
  })

  it('refuses a name with a path, a duplicate, and an unknown snapshot, with words', async () => {
    const bad = await post('/studio/api/project/snapshots', { name: '../etc' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toContain('not a snapshot name')
    const dup = await post('/studio/api/project/snapshots', { name: 'before-delete' })
    expect(dup.status).toBe(409)
    const missing = await post('/studio/api/project/snapshots/nope/restore')
    expect(missing.status).toBe(404)
    expect((await missing.json()).error).toContain('no snapshot named "nope"')
  })

  it('deletes a snapshot and its database copy', async () => {
    const before = (await rt.admin.query("SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'fluxbase_snap_%'")).rows[0].n
    const res = await studio('/studio/api/project/snapshots/before-delete', { method: 'DELETE' })
    expect(res.status).toBe(200)
    expect((await rt.admin.query("SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'fluxbase_snap_%'")).rows[0].n).toBe(before - 1)
    expect((await (await studio('/studio/api/project/snapshots')).json()).snapshots).toEqual([])
  })

  it('the project API refuses callers without the studio token or the service-role key', async () => {
    const res = await fetch(`${rt.info.apiUrl}/studio/api/project/snapshots`, { headers: { Authorization: `Bearer ${rt.info.anonKey}` } })
    expect(res.status).toBe(401)
    const service = await fetch(`${rt.info.apiUrl}/studio/api/project`, { headers: { Authorization: `Bearer ${rt.info.serviceRoleKey}` } })
    expect(service.status).toBe(200)
  })
})
