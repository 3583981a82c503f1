// The SQL console's server side against a real runtime: statements, errors with position and hint, psql
// meta-commands, running as an identity (role and claims as the API sets them), cancel, history, and isolation
// of whatever a user types (SET ROLE) from later requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(`CREATE TABLE notes (id serial PRIMARY KEY, owner uuid, body text, meta jsonb, at timestamptz DEFAULT now(), bin bytea);
    ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
    GRANT SELECT ON notes TO authenticated;
    CREATE POLICY own ON notes FOR SELECT USING (owner = auth.uid());
    INSERT INTO notes (owner, body, meta, bin) VALUES ('11111111-1111-1111-1111-111111111111', 'alice', '{"a":1}', '\\x0102'), ('22222222-2222-2222-2222-222222222222', 'bob', NULL, NULL);`)
})
afterAll(async () => rt?.stop())

async function sql(text: string, opts: { identity?: string; queryId?: string } = {}) {
  const res = await fetch(`${rt.info.apiUrl}/studio/api/sql`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json', ...(opts.identity ? { 'X-Studio-Identity': opts.identity } : {}) },
    body: JSON.stringify({ sql: text, queryId: opts.queryId }),
  })
  return { status: res.status, body: await res.json() }
}

describe('SQL console', () => {
  it('runs several statements and returns each result with typed columns', async () => {
    const { body } = await sql("SELECT id, body, meta, at, bin, NULL::text AS nothing FROM notes ORDER BY id; SELECT 1 AS a, 2 AS a;")
    expect(body.error).toBeUndefined()
    expect(body.results).toHaveLength(2)
    const [first, second] = body.results
    expect(first.fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual(['id:integer', 'body:text', 'meta:jsonb', 'at:timestamp with time zone', 'bin:bytea', 'nothing:text'])
    expect(first.rows[0].slice(0, 3)).toEqual([1, 'alice', { a: 1 }])
    expect(first.rows[0][4]).toBe('\\x0102')
    expect(first.rows[0][5]).toBeNull()
    expect(second.rows).toEqual([[1, 2]]) // duplicate column names survive
    expect(body.ranAs).toMatchObject({ currentUser: 'postgres', identity: 'superuser' })
  })

  it("reports errors with PostgreSQL's position, hint and code", async () => {
    const { status, body } = await sql('SELECT nope FROM notes')
    expect(status).toBe(200)
    expect(body.error).toMatchObject({ code: '42703', position: 8 })
    expect(body.error.message).toContain('column "nope" does not exist')
    const hinted = await sql('SELECT * FROM notes WHERE body = 1')
    expect(hinted.body.error.hint).toMatch(/explicit type casts/)
  })

  it('understands psql meta-commands', async () => {
    const dt = await sql('\\dt')
    expect(dt.body.results[0].title).toBe('List of tables')
    expect(dt.body.results[0].rows.some((r: string[]) => r[0] === 'public' && r[1] === 'notes')).toBe(true)
    const d = await sql('\\d notes')
    expect(d.body.results[0].rows.map((r: string[]) => r[0])).toEqual(['id', 'owner', 'body', 'meta', 'at', 'bin'])
    const dp = await sql('\\dp notes')
    expect(dp.body.results[0].rows[0]).toEqual(['public', 'notes', 'on', 'own', 'permissive', 'SELECT', 'public', '(owner = auth.uid())', ''])
    const du = await sql('\\du')
    expect(du.body.results[0].rows.find((r: string[]) => r[0] === 'service_role')[1]).toContain('Bypass RLS')
    const bad = await sql('\\frob')
    expect(bad.body.error.message).toContain('invalid command \\frob')
  })

  it('describes a table as psql does: columns, indexes, constraints, referencing tables, policies, triggers', async () => {
    await rt.admin.query(`CREATE TABLE tags (id serial PRIMARY KEY, note_id int REFERENCES notes(id), name text CHECK (length(name) > 0));
      CREATE UNIQUE INDEX tags_name ON tags (name);
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();`)
    const d = await sql('\\d notes')
    expect(d.body.error).toBeUndefined()
    const byTitle = Object.fromEntries(d.body.results.map((r: { title: string; rows: string[][] }) => [r.title, r.rows]))
    expect(Object.keys(byTitle)).toEqual(['Table "notes"', 'Indexes', 'Referenced by', 'Policies', 'Triggers'])
    expect(byTitle.Indexes[0]).toEqual(['notes_pkey', expect.stringContaining('USING btree (id)'), 'primary key', 'public.notes'])
    expect(byTitle['Referenced by'][0]).toEqual(['public.tags', 'tags_note_id_fkey', 'FOREIGN KEY (note_id) REFERENCES notes(id)', 'public.notes'])
    expect(byTitle.Policies[0].slice(0, 7)).toEqual(['own', 'permissive', 'SELECT', 'public', '(owner = auth.uid())', '', 'on'])
    expect(byTitle.Triggers[0][0]).toBe('notes_touch')
    const t = await sql('\\d tags')
    const kinds = t.body.results.find((r: { title: string }) => r.title === 'Constraints').rows.map((r: string[]) => r[1]).sort()
    expect(kinds).toEqual(['check', 'foreign key'])
    expect(t.body.results.find((r: { title: string }) => r.title === 'Indexes').rows.map((r: string[]) => r[2])).toEqual(['primary key', 'unique'])
    expect(t.body.results.some((r: { title: string }) => r.title === 'Policies' || r.title === 'Triggers')).toBe(false)
  })

  it('runs as an identity through the API role with claims and app.* settings', async () => {
    const token = await rt.signToken({ sub: '11111111-1111-1111-1111-111111111111', role: 'authenticated', email: 'alice@example.com' })
    const { body } = await sql("SELECT body FROM notes; SELECT current_user, session_user, current_setting('app.user_id'), auth.uid()::text;", { identity: token })
    expect(body.error).toBeUndefined()
    expect(body.results[0].rows).toEqual([['alice']])
    expect(body.results[1].rows).toEqual([['authenticated', 'fluxbase_api', '11111111-1111-1111-1111-111111111111', '11111111-1111-1111-1111-111111111111']])
    expect(body.ranAs).toEqual({ currentUser: 'authenticated', sessionUser: 'fluxbase_api', identity: 'alice@example.com' })
    const bad = await fetch(`${rt.info.apiUrl}/studio/api/sql`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json', 'X-Studio-Identity': 'not-a-token' },
      body: JSON.stringify({ sql: 'SELECT 1' }),
    })
    expect(bad.status).toBe(401)
  })

  it('does not let SET ROLE or an open transaction leak into the next request', async () => {
    await sql('SET ROLE anon; BEGIN; SELECT 1')
    for (let i = 0; i < 4; i++) {
      const { body } = await sql('SELECT current_user, now() = statement_timestamp() AS autocommit')
      expect(body.results[0].rows[0]).toEqual(['postgres', true])
    }
  })

  it('cancels a running query on the server', async () => {
    const queryId = 'q-' + Date.now()
    const running = sql('SELECT pg_sleep(20)', { queryId })
    await new Promise((r) => setTimeout(r, 400))
    const cancel = await fetch(`${rt.info.apiUrl}/studio/api/sql/cancel`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ queryId }),
    })
    expect(await cancel.json()).toEqual({ cancelled: true })
    const { body } = await running
    expect(body.error.code).toBe('57014')
    expect(body.durationMs).toBeLessThan(10_000)
  })

  it('keeps a history and refuses malformed bodies', async () => {
    const h = await (await fetch(`${rt.info.apiUrl}/studio/api/sql/history`, { headers: { Authorization: `Bearer ${rt.info.studioToken}` } })).json()
    expect(h.entries.map((e: { sql: string }) => e.sql)).toContain('\\dt')
    const bad = await fetch(`${rt.info.apiUrl}/studio/api/sql`, { method: 'POST', headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json' }, body: '{"sql": 5}' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toContain('sql')
  })
})
