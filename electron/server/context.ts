// context.ts — what every server module receives from the runtime: pools, keys, config, the log bus and identity
// resolution. Built once in runtime.ts after PostgreSQL is up; modules never reach for globals.
import type { Pool } from 'pg'
import type { FastifyRequest } from 'fastify'
import type { Identity } from './identity.js'
import type { LogBus } from './logs/log-bus.js'
import type { RuntimeConfig } from './config.js'
import type { Keys } from './auth/keys.js'
import type { TokenCheck } from './auth/identify.js'

export interface RuntimeNote {
  component: string
  message: string
}

export interface Pools {
  /** Login role `fluxbase_api`: not a superuser, owns nothing, may SET ROLE to anon/authenticated/service_role. */
  api: Pool
  /** Superuser: bootstrap, catalogs, the studio's SQL console. Never used to serve an API request. */
  admin: Pool
}

export interface ServerContext {
  config: RuntimeConfig
  pools: Pools
  keys: Keys
  logs: LogBus
  /** Resolves the request's Bearer token (or ?token=) to an identity; throws ApiError 401 on a bad token. */
  identify(request: FastifyRequest, opts?: { required?: boolean }): Promise<Identity>
  /** Verifies a raw token (realtime's ?token=, access_token frames) with the same checks as identify(). */
  identifyToken(token: string): Promise<Identity>
  /** Extra checks on every verified token (auth/ adds: session revoked, user deleted). Mutable on purpose. */
  tokenChecks: TokenCheck[]
  /** Connection string a developer can give psql (superuser). */
  databaseUrl: string
  /** Random token made at each start, guarding /studio/api. */
  studioToken: string
  startedAt: Date
  /** http://127.0.0.1:PORT — known once the server listens. */
  apiUrl: string
  /** The app's version (package.json). */
  version: string
  /** PostgreSQL's server_version at start. */
  postgresVersion: string
  /** Set by realtime/ once it runs; /health reports it. */
  realtimeUp?: () => boolean
  /** Set by realtime/: an unmet server precondition (wal_level, slots, REPLICATION…) in words; /health reports it. */
  realtimeProblem?: () => string | undefined
  /** What works in a degraded way on this server (e.g. no event trigger without a superuser): log, /health, Overview. */
  notes: RuntimeNote[]
  /** Hooks modules can register to run on stop, in reverse order. */
  onStop(fn: () => Promise<void> | void): void
}
