// test/integration/external/external-suite.ts — the --database-url suite one PostgreSQL major runs (pg14 … pg18 test
// files call it): a server started from npm, then the runtime on it as the least-privileged role a managed service
// hands out, then as a superuser (each in its own database), and for each: the bootstrap, auth, REST under RLS,
// storage, and a realtime change delivered to a subscriber over SSE.
import crypto from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { startExternalPostgres, type ExternalPostgres, type Major } from '../../helpers/external-postgres.js'
import { openSse } from '../realtime/sse-client.js'

async function signUp(rt: TestRuntime, email: string): Promise<{ token: string; id: string }> {
  const headers = { 'Content-Type': 'application/json', apikey: rt.info.anonKey, Authorization: `Bearer ${rt.info.anonKey}` }
  const up = await fetch(`${rt.info.apiUrl}/api/v1/auth/signup`, { method: 'POST', headers, body: JSON.stringify({ email, password: 'correct horse battery' }) })
  expect(up.status, await up.clone().text()).toBeLessThan(300)
  const signIn = await fetch(`${rt.info.apiUrl}/api/v1/auth/signin`, { method: 'POST', headers, body: JSON.stringify({ email, password: 'correct horse battery' }) })
  expect(signIn.status).toBe(200)
  const session = (await signIn.json()) as { access_token: string; user: { id: string } }
  return { token: session.access_token, id: session.user.id }
}

/** Everything an app does, against a runtime on an external server. */
async function exerciseStack(rt: TestRuntime): Promise<void> {
  // The bootstrap role's own connection (rt.admin) makes the app's table, as a developer's migration would.
  await rt.admin.query(`
    CREATE TABLE public.notes (id serial PRIMARY KEY, owner uuid NOT NULL, body text);
    ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
    GRANT SELECT, INSERT ON public.notes TO authenticated;
    GRANT USAGE ON SEQUENCE public.notes_id_seq TO authenticated;
    CREATE POLICY notes_own ON public.notes FOR ALL TO authenticated USING (owner = auth.uid()) WITH CHECK (owner = auth.uid());
  `)
  const alice = await signUp(rt, `alice-${crypto.randomBytes(3).toString('hex')}@example.com`)
  const bob = await signUp(rt, `bob-${crypto.randomBytes(3).toString('hex')}@example.com`)
  const user = await rt.api('/api/v1/auth/user', { token: alice.token })
  expect(await user.json()).toMatchObject({ id: alice.id })

  // Realtime: enabled through the admin API, a subscriber under RLS gets its own row and not the other's.
  const enabled = await rt.api('/api/v1/admin/realtime/tables', { method: 'POST', body: JSON.stringify({ table: 'notes' }) })
  expect(enabled.status, await enabled.clone().text()).toBe(201)
  const sse = await openSse(`${rt.info.apiUrl}/api/v1/realtime/sse?table=notes&event=INSERT`, { Authorization: `Bearer ${alice.token}` })
  try {
    expect(sse.status).toBe(200)
    await sse.next((m) => m.event === 'subscribed', 'subscribed')

    // REST under RLS: each user writes and reads only their own rows.
    const post = (token: string, owner: string, body: string) =>
      rt.api('/api/v1/tables/notes', { method: 'POST', token, headers: { Prefer: 'return=representation' }, body: JSON.stringify({ owner, body }) })
    expect((await post(bob.token, bob.id, 'bob note')).status).toBe(201)
    const mine = await post(alice.token, alice.id, 'alice note')
    expect(mine.status, await mine.clone().text()).toBe(201)
    const [row] = (await mine.json()) as Array<{ id: number }>
    expect((await post(alice.token, bob.id, 'forged')).status).toBe(403)
    const seen = await rt.api('/api/v1/tables/notes?select=body', { token: alice.token })
    expect(await seen.json()).toEqual([{ body: 'alice note' }])
    expect((await (await rt.api('/api/v1/tables/notes?select=body')).json()).length).toBe(2)

    const change = await sse.next((m) => m.event === 'message' && m.data.record?.id === row.id, 'alice insert', 20_000)
    expect(change.data).toMatchObject({ type: 'INSERT', table: 'notes', record: { owner: alice.id, body: 'alice note' } })
    expect(sse.messages.filter((m) => m.event === 'message').map((m) => m.data.record.body)).toEqual(['alice note'])
  } finally {
    sse.close()
  }

  // Storage: a bucket, an upload under RLS-protected metadata, the bytes back.
  expect((await rt.api('/api/v1/storage/buckets/docs', { method: 'POST', body: '{}' })).status).toBe(201)
  const form = new FormData()
  form.append('file', new Blob(['hello external server']))
  const up = await fetch(`${rt.info.apiUrl}/api/v1/storage/docs/hello.txt`, { method: 'POST', headers: { Authorization: `Bearer ${rt.info.serviceRoleKey}` }, body: form })
  expect(up.status, await up.clone().text()).toBeLessThan(300)
  expect(await (await rt.api('/api/v1/storage/docs/hello.txt')).text()).toBe('hello external server')
}

export function defineExternalSuite(major: Major): void {
  let server: ExternalPostgres
  beforeAll(async () => {
    server = await startExternalPostgres(major)
  })
  afterAll(async () => {
    await server?.stop()
  })

  // Least-privileged first: roles are cluster-wide, and on 16+ a managed role may grant only roles it made.
  describe(`PostgreSQL ${major} as a role with CREATEROLE, REPLICATION${major >= 16 ? ', BYPASSRLS' : ' (service_role made by a superuser)'}`, () => {
    let rt: TestRuntime
    beforeAll(async () => {
      rt = await startTestRuntime({ databaseUrl: await server.leastPrivilegedUrl('app_admin', 'app_lp'), auth: { rateLimitPerWindow: 0 } })
    })
    afterAll(async () => rt?.stop())

    it('bootstraps without a superuser, with a listed publication, and says what is degraded', async () => {
      expect(rt.info.postgresVersion).toMatch(new RegExp(`^${major}\\.`))
      const { rows } = await rt.admin.query("SELECT puballtables FROM pg_publication WHERE pubname = 'fluxbase_realtime'")
      expect(rows).toEqual([{ puballtables: false }])
      expect(rt.ctx.notes.map((n) => n.message)).toEqual([expect.stringMatching(/no DDL event trigger .*"app_admin" is not one/)])
      const health = (await (await fetch(`${rt.info.apiUrl}/health`)).json()) as { services: { realtime: boolean }; details?: { notes?: string[] } }
      expect(health.services.realtime).toBe(true)
      expect(health.details?.notes?.[0]).toMatch(/no DDL event trigger/)
    })

    it("the note's statements, run by a superuser, install the event triggers", async () => {
      const statements = rt.ctx.notes[0].message.split('A superuser can add them: ')[1]
      const su = new pg.Client({ connectionString: server.url('postgres', server.password, 'app_lp') })
      await su.connect()
      try {
        await su.query(statements)
        const { rows } = await su.query("SELECT count(*)::int AS n FROM pg_event_trigger WHERE evtname LIKE 'fluxbase\\_%'")
        expect(rows[0].n).toBe(3)
      } finally {
        await su.end()
      }
    })

    it("refuses with a 403 naming the owner to enable realtime on a table the role does not own", async () => {
      const su = new pg.Client({ connectionString: server.url('postgres', server.password, 'app_lp') })
      await su.connect()
      try {
        await su.query('CREATE TABLE public.theirs (id int PRIMARY KEY)')
      } finally {
        await su.end()
      }
      const res = await rt.api('/api/v1/admin/realtime/tables', { method: 'POST', body: JSON.stringify({ table: 'theirs' }) })
      expect(res.status).toBe(403)
      const body = (await res.json()) as { message: string; hint: string }
      expect(body.message).toMatch(/belongs to role "postgres", and the studio's role "app_admin" is not a superuser/)
      expect(body.hint).toMatch(/ALTER TABLE "public"."theirs" OWNER TO "app_admin"/)
    })

    it('serves auth, REST under RLS, storage and realtime', async () => {
      await exerciseStack(rt)
      // The listed publication: the app's realtime-enabled table, the registry, and jobs.queue (job progress, §4.6).
      const members = await rt.admin.query("SELECT schemaname || '.' || tablename AS t FROM pg_publication_tables WHERE pubname = 'fluxbase_realtime' ORDER BY 1")
      expect(members.rows.map((r) => r.t)).toEqual(['jobs.queue', 'public.notes', 'realtime.schema_registry'])
      expect((await rt.api('/api/v1/admin/realtime/tables/public/notes', { method: 'DELETE' })).status).toBe(200)
      const after = await rt.admin.query("SELECT schemaname || '.' || tablename AS t FROM pg_publication_tables WHERE pubname = 'fluxbase_realtime' ORDER BY 1")
      expect(after.rows.map((r) => r.t)).toEqual(['jobs.queue', 'realtime.schema_registry'])
    })
  })

  describe(`PostgreSQL ${major} as a superuser`, () => {
    let rt: TestRuntime
    beforeAll(async () => {
      await server.admin.query('CREATE DATABASE app_su')
      rt = await startTestRuntime({ databaseUrl: server.url('postgres', server.password, 'app_su'), auth: { rateLimitPerWindow: 0 } })
    })
    afterAll(async () => rt?.stop())

    it('bootstraps with the event triggers and nothing degraded', async () => {
      expect(rt.ctx.notes).toEqual([])
      const { rows } = await rt.admin.query("SELECT count(*)::int AS n FROM pg_event_trigger WHERE evtname IN ('fluxbase_schema_ddl', 'fluxbase_realtime_ddl')")
      expect(rows[0].n).toBe(2)
    })

    it('serves auth, REST under RLS, storage and realtime', async () => {
      await exerciseStack(rt)
    })
  })
}
