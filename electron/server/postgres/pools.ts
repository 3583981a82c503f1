// postgres/pools.ts — the two connection pools: `api` (login role fluxbase_api, for every request) and `admin`
// (superuser, for bootstrap, catalogs and the studio's console). A dying server must not crash the process.
import pg from 'pg'
import type { Pools } from '../context.js'
import type { LogBus } from '../logs/log-bus.js'

export interface PoolTarget {
  host: string
  port: number
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

export function createPools(target: PoolTarget, logs: LogBus): Pools {
  const base = { host: target.host, port: target.port, database: target.database, ssl: target.ssl ? { rejectUnauthorized: false } : undefined }
  const api = new pg.Pool({ ...base, ...target.api, max: 20, idleTimeoutMillis: 30_000, application_name: 'fluxbase' })
  const admin = new pg.Pool({ ...base, ...target.superuser, max: 6, idleTimeoutMillis: 30_000, application_name: 'fluxbase-admin' })
  for (const [name, pool] of [['api', api], ['admin', admin]] as const) {
    pool.on('error', (err) => {
      logs.log({ category: 'system', level: 'warn', component: 'postgres', message: `idle ${name} connection lost: ${err.message}` })
    })
  }
  return { api, admin }
}

export function databaseUrlFor(target: PoolTarget): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host
  return `postgres://${encodeURIComponent(target.superuser.user)}:${encodeURIComponent(target.superuser.password)}@${host}:${target.port}/${encodeURIComponent(target.database)}`
}

/** Keeps the API role's password in step with the data directory's secrets (also on an external server). */
export async function syncApiRolePassword(admin: pg.Pool, password: string): Promise<void> {
  const { rows } = await admin.query<{ sql: string }>("SELECT format('ALTER ROLE fluxbase_api PASSWORD %L', $1::text) AS sql", [password])
  await admin.query(rows[0].sql)
}
