// postgres/pools.ts — the two connection pools: `api` (login role fluxbase_api, for every request) and `admin`
// (superuser, for bootstrap, catalogs and the studio's console). A dying server must not crash the process.
import pg from 'pg'
import type { LogBus } from '../logs/log-bus.js'
import type { LimitOptions } from '../limits/limit-options.js'
import { setRoleStatementTimeouts } from './with-identity.js'

export interface PoolTarget {
  host: string
  port: number
  /** The embedded server's unix socket folder: the runtime's pools use it instead of host (databaseUrl does not). */
  socketDir?: string
  database: string
  superuser: { user: string; password: string }
  api: { user: string; password: string }
  ssl?: boolean
}

// int8 and numeric arrive as strings by default; the contract wants numbers (JSON has no 64-bit ints either).
pg.types.setTypeParser(20, (v) => Number(v))
pg.types.setTypeParser(1700, (v) => Number(v))

export function targetFromUrl(url: string, apiPassword: string): PoolTarget {
  const u = new URL(url)
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    superuser: { user: decodeURIComponent(u.username || 'postgres'), password: decodeURIComponent(u.password) },
    api: { user: 'fluxbase_api', password: apiPassword },
    ssl: u.searchParams.get('sslmode') === 'require',
  }
}

function poolBase(target: PoolTarget) {
  return { host: target.socketDir ?? target.host, port: target.port, database: target.database, ssl: target.ssl ? { rejectUnauthorized: false } : undefined }
}

function watch(pool: pg.Pool, name: string, logs: LogBus): pg.Pool {
  pool.on('error', (err) => {
    logs.log({ category: 'system', level: 'warn', component: 'postgres', message: `idle ${name} connection lost: ${err.message}` })
  })
  return pool
}

export function createAdminPool(target: PoolTarget, logs: LogBus): pg.Pool {
  return watch(new pg.Pool({ ...poolBase(target), ...target.superuser, max: 6, idleTimeoutMillis: 30_000, application_name: 'fluxbase-admin' }), 'admin', logs)
}

/**
 * `connections`: the most the API holds at once (config.apiConnections); more requests wait in turn, at most
 * `limits.poolAcquireTimeoutMs` (then 503, with-identity.ts). Each role's statement timeout is set with its identity.
 */
export function createApiPool(target: PoolTarget, apiPassword: string, logs: LogBus, connections: number, limits?: Pick<LimitOptions, 'poolAcquireTimeoutMs' | 'statementTimeoutMs'>): pg.Pool {
  const pool = new pg.Pool({ ...poolBase(target), user: target.api.user, password: apiPassword, max: connections, idleTimeoutMillis: 30_000, application_name: 'fluxbase', connectionTimeoutMillis: limits?.poolAcquireTimeoutMs || undefined })
  if (limits) setRoleStatementTimeouts(pool, limits.statementTimeoutMs)
  return watch(pool, 'api', logs)
}

export function databaseUrlFor(target: PoolTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host
  return `postgres://${encodeURIComponent(target.superuser.user)}:${encodeURIComponent(target.superuser.password)}@${host}:${target.port}/${encodeURIComponent(target.database)}`
}

/**
 * The API role's password lives in the database (fluxbase_meta.settings), set once: several runtimes sharing one
 * --database-url then agree on it instead of changing it under each other. Returns the password to log in with.
 */
export async function ensureApiRolePassword(admin: pg.Pool, proposed: string): Promise<string> {
  await admin.query('CREATE TABLE IF NOT EXISTS fluxbase_meta.settings (key text PRIMARY KEY, value text NOT NULL)')
  await admin.query('REVOKE ALL ON fluxbase_meta.settings FROM PUBLIC')
  const inserted = await admin.query<{ value: string }>(
    "INSERT INTO fluxbase_meta.settings (key, value) VALUES ('api_role_password', $1) ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING value",
    [proposed],
  )
  const password = inserted.rows[0].value
  const { rows } = await admin.query<{ sql: string }>("SELECT format('ALTER ROLE fluxbase_api PASSWORD %L', $1::text) AS sql", [password])
  await admin.query(rows[0].sql)
  return password
}
