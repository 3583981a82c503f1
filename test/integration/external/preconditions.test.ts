// --database-url on servers that are not ready for everything (PostgreSQL 17, started from npm): each replication
// precondition unmet leaves the API working and realtime reporting the setting to change (an error in the log, the
// /health details); a role short of privileges and a database with the user's own auth schema and roles are refused
// before anything changes, each problem named with its fix; a bootstrap that fails half-way leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { startTestRuntime, tempDataDir } from '../../helpers/runtime.js'
import { startExternalPostgres, type ExternalPostgres, type ExternalPostgresOptions } from '../../helpers/external-postgres.js'
import { createStudioRuntime } from '../../../electron/server/runtime.js'
import { applyMigrations } from '../../../electron/server/postgres/migrations.js'

const servers: ExternalPostgres[] = []
async function server(options: ExternalPostgresOptions = {}): Promise<ExternalPostgres> {
  const s = await startExternalPostgres(17, options)
  servers.push(s)
  return s
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()))
})

describe('replication preconditions: the API works, realtime names the setting', () => {
  /** A server (superuser URL on a new database "app", unless the case makes its own role). */
  const onApp = async (options: ExternalPostgresOptions, prepare?: (s: ExternalPostgres) => Promise<unknown>) => {
    const s = await server(options)
    await prepare?.(s)
    await s.admin.query('CREATE DATABASE app')
    return s.url('postgres', s.password, 'app')
  }
  const cases: Array<[string, () => Promise<string>, RegExp]> = [
    ['wal_level below logical', () => onApp({ settings: { wal_level: 'replica' } }), /wal_level = logical, and this server has wal_level = replica: run ALTER SYSTEM SET wal_level = logical/],
    ['max_wal_senders = 0', () => onApp({ settings: { max_wal_senders: '0' } }), /max_wal_senders = 0: run ALTER SYSTEM SET max_wal_senders = 10/],
    [
      'no free replication slot',
      () => onApp({ settings: { max_replication_slots: '1' } }, (s) => s.admin.query("SELECT pg_create_logical_replication_slot('someone_elses', 'pgoutput')")),
      /all 1 \(max_replication_slots\) are in use: drop one nobody reads .*max_replication_slots = 2/,
    ],
    // What refuses a managed role's replication connection: no REPLICATION attribute ("permission denied to start
    // WAL sender"); checked before the connection is tried.
    ['replication connections refused (a role without REPLICATION)', async () => (await server()).leastPrivilegedUrl('no_repl', 'app', { replication: false }), /role "no_repl" lacks it: run ALTER ROLE "no_repl" REPLICATION/],
  ]

  it.each(cases)('%s', async (_name, make, expected) => {
    const rt = await startTestRuntime({ databaseUrl: await make() })
    try {
      await rt.admin.query('CREATE TABLE public.items (id int PRIMARY KEY); INSERT INTO public.items VALUES (1)')
      const rest = await rt.api('/api/v1/tables/items?select=id')
      expect(await rest.json()).toEqual([{ id: 1 }])
      const health = await fetch(`${rt.info.apiUrl}/health`)
      expect(health.status).toBe(200)
      const body = (await health.json()) as { services: { realtime: boolean }; details?: { realtime?: string } }
      expect(body.services.realtime).toBe(false)
      expect(body.details?.realtime).toMatch(expected)
      const errors = rt.ctx.logs.recent().filter((e) => e.level === 'error' && e.category === 'realtime')
      expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(expected)])
      const status = (await (await fetch(`${rt.info.apiUrl}/studio/api/status`, { headers: { Authorization: `Bearer ${rt.info.studioToken}` } })).json()) as { realtime: { up: boolean; problem: string } }
      expect(status.realtime).toEqual({ up: false, problem: expect.stringMatching(expected) })
    } finally {
      await rt.stop()
    }
  })
})

describe('before anything changes', () => {
  let plain: ExternalPostgres
  beforeAll(async () => {
    plain = await server()
  })

  const roleExists = async (name: string) => (await plain.admin.query('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [name])).rows[0]
  async function schemaNames(url: string): Promise<string[]> {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      return (await c.query("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1")).rows.map((r) => r.nspname)
    } finally {
      await c.end()
    }
  }

  it('names every privilege a role lacks, with the statement to grant it, and changes nothing', async () => {
    await plain.admin.query("CREATE ROLE weak LOGIN PASSWORD 'weak-pw'")
    await plain.admin.query('CREATE DATABASE weak_db OWNER weak')
    const url = plain.url('weak', 'weak-pw', 'weak_db')
    const rt = createStudioRuntime({ dataDir: tempDataDir(), port: 0, quiet: true, databaseUrl: url })
    const failure = await rt.start().then(
      () => undefined,
      (err: Error) => err.message,
    )
    await rt.stop()
    expect(failure).toMatch(/cannot install into the database "weak_db" as the role "weak" \(PostgreSQL 17\); nothing was changed/)
    expect(failure).toContain('fix: ALTER ROLE "weak" CREATEROLE')
    expect(failure).toContain('fix: ALTER ROLE "weak" BYPASSRLS')
    expect(await schemaNames(url)).toEqual(['public'])
    expect(await roleExists('anon')).toBeUndefined()
    expect(await roleExists('fluxbase_api')).toBeUndefined()
  })

  it("names the database's own auth schema and roles in the way, and alters none of them", async () => {
    await plain.admin.query('CREATE DATABASE legacy')
    const url = plain.url('postgres', plain.password, 'legacy')
    const legacy = new pg.Client({ connectionString: url })
    await legacy.connect()
    try {
      await legacy.query("CREATE SCHEMA auth; CREATE TABLE auth.users (id int PRIMARY KEY, name text); INSERT INTO auth.users VALUES (1, 'kept')")
      await plain.admin.query("CREATE ROLE anon LOGIN PASSWORD 'x'; CREATE ROLE fluxbase_api LOGIN PASSWORD 'theirs'")
      const rt = createStudioRuntime({ dataDir: tempDataDir(), port: 0, quiet: true, databaseUrl: url })
      const failure = await rt.start().then(
        () => undefined,
        (err: Error) => err.message,
      )
      await rt.stop()
      expect(failure).toMatch(/schema "auth" that holds 1 object \(users\)/)
      expect(failure).toMatch(/role "anon" exists and can log in/)
      expect(failure).toMatch(/role "fluxbase_api" exists but was not made by Fluxbase Studio/)
      expect((await legacy.query('SELECT * FROM auth.users')).rows).toEqual([{ id: 1, name: 'kept' }])
      expect(await schemaNames(url)).toEqual(['auth', 'public'])
      expect(await roleExists('anon')).toEqual({ rolcanlogin: true })
      // Its password is still the owner's: the studio did not change it.
      const theirs = new pg.Client({ connectionString: plain.url('fluxbase_api', 'theirs', 'legacy') })
      await theirs.connect()
      await theirs.end()
    } finally {
      await legacy.end()
    }
  })

  it('rolls back every pending migration when one fails', async () => {
    await plain.admin.query('CREATE DATABASE halfway')
    const url = plain.url('postgres', plain.password, 'halfway')
    const pool = new pg.Pool({ connectionString: url, max: 1 })
    try {
      const migrations = [
        { version: '9001_fine', sql: 'CREATE SCHEMA made_by_first' },
        { version: '9002_broken', sql: 'CREATE TABLE made_by_first.t (id int); SELECT no_such_function()' },
      ]
      await expect(applyMigrations(pool, migrations)).rejects.toThrow(/migration 9002_broken failed \(nothing was changed\): function no_such_function\(\) does not exist/)
    } finally {
      await pool.end()
    }
    expect(await schemaNames(url)).toEqual(['public'])
  })
})
