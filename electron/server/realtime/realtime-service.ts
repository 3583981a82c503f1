// realtime/realtime-service.ts — wires realtime together and registers its routes: capture stream → fan-out (RLS per
// identity) → WebSocket and SSE sinks, plus channels, the registry and the admin API. getRealtime(ctx) hands the
// capture stream and the decision stream to other areas (the studio's realtime inspector).
import pg from 'pg'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { createCaptureStream, type CaptureStream } from './capture-stream.js'
import { createChannels, type Channels } from './channels.js'
import { createDecisionStream, type DecisionStream } from './delivery-decisions.js'
import { createFanOut, type FanOut } from './fan-out.js'
import { createPolicyCatalog, type PolicyCatalog } from './policy-catalog.js'
import { slotStatus } from './replication-slot.js'
import { createRlsChecker } from './rls-checker.js'
import { createSchemaRegistry, type SchemaRegistry } from './schema-registry.js'
import { createSubscriptions, type Subscriptions } from './subscriptions.js'
import { quoteQualified } from '../postgres/quote-ident.js'
import type { WsConnection } from './ws-connection.js'
import { registerWsRoutes } from './ws-routes.js'
import { registerSseRoutes } from './sse-routes.js'
import { registerRealtimeHttpRoutes } from './http-routes.js'
import { registerRealtimeAdminRoutes } from './admin-routes.js'
import { oncePerContext } from '../once-per-context.js'
import { startAuthModule } from '../auth/auth-module.js'
import { createTokenGuard, type TokenGuard } from './token-guard.js'

export interface RealtimeConfig {
  /** Bytes a connection may leave unread before it is cut off (ws bufferedAmount / SSE writableLength). */
  sendBufferLimit: number
  heartbeatMs: number
}

export interface RealtimeService {
  readonly ctx: ServerContext
  /** Mutable at run time (tests lower the limits). */
  readonly config: RealtimeConfig
  readonly capture: CaptureStream
  readonly registry: SchemaRegistry
  readonly subscriptions: Subscriptions
  readonly channels: Channels
  readonly decisions: DecisionStream
  readonly fanOut: FanOut
  readonly catalog: PolicyCatalog
  readonly connections: Set<WsConnection>
  readonly sseStreams: Set<{ end(): void; buffered?(): number }>
  /** Closes streams at their token's exp and on revocation (token-guard.ts). */
  readonly tokenGuard: TokenGuard
  stats(): Promise<Record<string, unknown>>
  stop(): Promise<void>
}

const services = new WeakMap<ServerContext, RealtimeService>()

/** The running realtime service of a runtime (for the studio's inspector and for tests). */
export function getRealtime(ctx: ServerContext): RealtimeService | undefined {
  return services.get(ctx)
}

export function createRealtimeService(ctx: ServerContext): RealtimeService {
  const capture = createCaptureStream({ admin: ctx.pools.admin, logs: ctx.logs, external: ctx.config.databaseUrl !== undefined })
  // Access checks get a small pool of their own (same login role as the API): never one connection per subscriber,
  // and REST traffic never waits behind realtime checks or the other way round.
  const apiOptions = ctx.pools.api.options
  // pg-pool keeps `password` non-enumerable: a spread alone would drop it.
  const checkPool = new pg.Pool({ ...apiOptions, password: apiOptions.password, max: 6, application_name: 'fluxbase-realtime' })
  checkPool.on('error', () => undefined)
  const catalog = createPolicyCatalog(ctx.pools.admin)
  const registry = createSchemaRegistry()
  const subscriptions = createSubscriptions()
  const decisions = createDecisionStream()
  const channels = createChannels()
  const fanOut = createFanOut({ capture, registry, subscriptions, checker: createRlsChecker(checkPool, catalog, ctx.logs), catalog, decisions, logs: ctx.logs })
  const connections = new Set<WsConnection>()
  const sseStreams = new Set<{ end(): void; buffered?(): number }>()
  let stopped = false

  return {
    ctx,
    config: { sendBufferLimit: 8 * 1024 * 1024, heartbeatMs: 30_000 },
    capture,
    registry,
    subscriptions,
    channels,
    decisions,
    fanOut,
    catalog,
    connections,
    sseStreams,
    tokenGuard: createTokenGuard(ctx),
    async stats() {
      const slot = await slotStatus(ctx.pools.admin, capture.stats().slot).catch(() => undefined)
      return {
        up: capture.up,
        capture: capture.stats(),
        slot,
        fan_out: fanOut.stats(),
        connections: { websocket: connections.size, sse: sseStreams.size },
        subscriptions: subscriptions.size,
        ...channels.stats(),
        decisions: decisions.snapshot(),
        enabled_tables: registry.list().filter((e) => e.realtime_enabled).length,
      }
    },
    async stop() {
      if (stopped) return
      stopped = true
      for (const c of [...connections]) c.close()
      for (const s of [...sseStreams]) s.end()
      await fanOut.stop()
      await capture.stop()
      await checkPool.end().catch(() => undefined)
    },
  }
}

/** Enabled tables must keep REPLICA IDENTITY FULL (someone may have changed it): old rows depend on it. */
async function assertReplicaIdentity(rt: RealtimeService): Promise<void> {
  for (const e of rt.registry.list()) {
    if (!e.realtime_enabled) continue
    const rel = quoteQualified(e.schema, e.table)
    const { rows } = await rt.ctx.pools.admin.query<{ ident: string }>('SELECT relreplident AS ident FROM pg_class WHERE oid = to_regclass($1)', [rel])
    if (rows[0] && rows[0].ident !== 'f') await rt.ctx.pools.admin.query(`ALTER TABLE ${rel} REPLICA IDENTITY FULL`)
  }
}

/** Creates the service and starts change capture (registry, replica identity, replication slot); once per runtime. */
export const startRealtime = oncePerContext(startRealtimeService)

async function startRealtimeService(ctx: ServerContext): Promise<RealtimeService> {
  const rt = createRealtimeService(ctx)
  services.set(ctx, rt)
  ctx.onStop(() => rt.stop())
  await rt.registry.load(ctx.pools.admin)
  await assertReplicaIdentity(rt).catch((err) =>
    ctx.logs.log({ category: 'realtime', level: 'warn', component: 'realtime', message: `could not restore REPLICA IDENTITY FULL: ${(err as Error).message}` }),
  )
  // Sign-out, session revocation and user deletion (here or, through the revocation listener, elsewhere).
  const auth = await startAuthModule(ctx)
  const unwatch = auth.revocations.onChange(() => void rt.tokenGuard.recheck())
  ctx.onStop(() => void unwatch())
  rt.fanOut.start()
  await rt.capture.start()
  if (!rt.capture.up) ctx.logs.log({ category: 'realtime', level: 'warn', component: 'realtime', message: 'change capture is not running yet; it keeps retrying' })
  ctx.realtimeUp = () => rt.capture.up
  ctx.realtimeProblem = () => rt.capture.problem
  return rt
}

export async function registerRealtimeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const rt = await startRealtime(ctx)
  // Before the HTTP server waits for open connections to end: SSE streams and sockets never end by themselves.
  app.addHook('preClose', async () => {
    for (const c of [...rt.connections]) c.close()
    for (const s of [...rt.sseStreams]) s.end()
  })
  await registerWsRoutes(app, rt)
  await registerSseRoutes(app, rt)
  await registerRealtimeHttpRoutes(app, rt)
  await registerRealtimeAdminRoutes(app, rt)
}
