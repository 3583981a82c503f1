// The drift check (@pgkit/migra over a scratch clone of the folder's template) against a real runtime: in sync
// after start, then each kind of change made behind the folder's back is reported with the SQL that would make
// the folder match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { makeProject, type TestProject } from './project-folder.js'

let project: TestProject
let rt: TestRuntime

const diff = async () => (await fetch(`${rt.info.apiUrl}/studio/api/project/diff`, { headers: { Authorization: `Bearer ${rt.info.studioToken}` } })).json()

beforeAll(async () => {
  project = makeProject({
    '001_base.up.sql': `CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE posts (id serial PRIMARY KEY, title text NOT NULL, body text, mood mood);
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON posts FOR SELECT TO anon USING (true);
GRANT SELECT ON posts TO anon;
CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql AS $$ SELECT upper(t) $$;
`,
  })
  rt = await startTestRuntime({ project: project.root })
})
afterAll(async () => {
  await rt?.stop()
  project?.remove()
})

describe('drift check', () => {
  it('is in sync right after the folder was applied', async () => {
    expect(await diff()).toEqual({ inSync: true, statements: [] })
  })

  const changes: Array<[string, string, RegExp]> = [
    ['a column added', 'ALTER TABLE posts ADD COLUMN views int', /add column "views" integer/i],
    ['a type changed', 'ALTER TABLE posts ALTER COLUMN body TYPE varchar(200)', /alter column "body" set data type character varying\(200\)/i],
    ['an index created', 'CREATE INDEX posts_title ON posts (title)', /create index posts_title/i],
    ['a policy created', 'CREATE POLICY write_none ON posts FOR INSERT TO anon WITH CHECK (false)', /create policy "write_none"/i],
    ['a function changed', "CREATE OR REPLACE FUNCTION shout(t text) RETURNS text LANGUAGE sql AS $$ SELECT upper(t) || '!' $$", /create or replace function public\.shout/i],
    ['a grant added', 'GRANT INSERT ON posts TO anon', /grant insert on table "public"\."posts" to "anon"/i],
    ['an enum value added', "ALTER TYPE mood ADD VALUE 'angry'", /mood/i],
    ['RLS switched off', 'ALTER TABLE posts DISABLE ROW LEVEL SECURITY', /disable row level security/i],
  ]

  it.each(changes)('reports %s behind the folder, with the SQL that makes the folder match', async (_label, sql, expected) => {
    await rt.admin.query(sql)
    const report = await diff()
    expect(report.inSync).toBe(false)
    expect(report.statements.join('\n')).toMatch(expected)
  })
})
