// studio/rls-routes.ts — the RLS simulator's endpoints: explain a table as an identity (optionally with a what-if
// policy change that is rolled back), tokens for custom claims, and loading the guide's example project.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { identityFromClaims, type Identity } from '../identity.js'
import { signJwt } from '../auth/jwt.js'
import { parseBody } from '../http/parse-body.js'
import { resourcesDir } from '../resources.js'
import { checkStudioToken } from './studio-auth.js'
import { logStudioAction, studioIdentity } from './studio-identity.js'
import { simulate } from './rls/simulation.js'
import { explainTable } from './rls/explain-table.js'
import { dryRunWrite } from './rls/dry-run.js'
import { compareMatrix, diffVisibleRows } from './rls/compare.js'
import { adviseRls } from './rls/advisor.js'
import { applyAndRecord } from './rls/apply-migration.js'
import { schemaStoreFor } from '../rest/schema/schema-store.js'

const SERVICE_ROLE = identityFromClaims({ role: 'service_role' })

const explainBody = z.object({
  schema: z.string().min(1).default('public'),
  table: z.string().min(1),
  command: z.enum(['SELECT', 'UPDATE', 'DELETE']).default('SELECT'),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
  /** DDL to try before explaining (e.g. an edited policy); always rolled back. */
  whatIf: z.array(z.string().min(1).max(20_000)).max(20).default([]),
})

const dryRunBody = z.object({
  schema: z.string().min(1).default('public'),
  table: z.string().min(1),
  command: z.enum(['INSERT', 'UPDATE', 'DELETE']),
  values: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown())).max(1000)]).optional(),
  match: z.record(z.string(), z.unknown()).optional(),
  whatIf: z.array(z.string().min(1).max(20_000)).max(20).default([]),
})

const identityRef = z.object({ label: z.string().min(1).max(100), token: z.string().min(1) })

const compareBody = z.object({
  schema: z.string().min(1).default('public'),
  table: z.string().min(1),
  identities: z.array(identityRef).min(1).max(12),
  sampleRow: z.record(z.string(), z.unknown()).optional(),
  whatIf: z.array(z.string().min(1).max(20_000)).max(20).default([]),
})

const diffBody = z.object({
  schema: z.string().min(1).default('public'),
  table: z.string().min(1),
  a: identityRef,
  b: identityRef,
  whatIf: z.array(z.string().min(1).max(20_000)).max(20).default([]),
})

const applyBody = z.object({ sql: z.string().min(1).max(100_000), name: z.string().min(1).max(200) })

const claimsBody = z.object({
  claims: z
    .record(z.string(), z.unknown())
    .refine((c) => typeof c.role === 'string' && c.role.length > 0, 'claims.role is required (anon, authenticated, service_role or an app role)')
    .refine((c) => c.sub === undefined || typeof c.sub === 'string', 'claims.sub must be a string'),
  expiresInSeconds: z.number().int().min(60).max(86_400).default(3600),
})

export async function simulatorIdentity(ctx: ServerContext, request: FastifyRequest): Promise<Identity> {
  return (await studioIdentity(ctx, request)) ?? SERVICE_ROLE
}

/** A what-if that fails to apply is the user's SQL error, shown as such. */
export async function runSimulation<T>(ctx: ServerContext, whatIf: string[], fn: Parameters<typeof simulate<T>>[1]): Promise<T> {
  try {
    return await simulate(ctx.pools.admin, fn, { whatIf })
  } catch (err) {
    const e = err as { message: string; code?: string; hint?: string; detail?: string }
    if (e.code && whatIf.length) throw new ApiError(400, e.code, `the what-if statement failed: ${e.message}`, e.detail, e.hint)
    throw err
  }
}

export async function registerStudioRlsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post('/studio/api/rls/explain', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(explainBody, request.body)
    const identity = await simulatorIdentity(ctx, request)
    return runSimulation(ctx, body.whatIf, (sim) => explainTable(sim, { ...body, identity }))
  })

  app.post('/studio/api/rls/dry-run', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(dryRunBody, request.body)
    const identity = await simulatorIdentity(ctx, request)
    const result = await runSimulation(ctx, body.whatIf, (sim) => dryRunWrite(sim, { ...body, identity }))
    logStudioAction(ctx, request, `dry run ${body.command} on ${body.schema}.${body.table}`, { verdict: result.verdict, as: identity.userId ?? identity.appRole })
    return result
  })

  app.post('/studio/api/rls/compare', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(compareBody, request.body)
    const identities = await Promise.all(body.identities.map(async (i) => ({ label: i.label, identity: await ctx.identifyToken(i.token) })))
    return { matrix: await runSimulation(ctx, body.whatIf, (sim) => compareMatrix(sim, body.schema, body.table, identities, body.sampleRow)) }
  })

  app.post('/studio/api/rls/diff', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(diffBody, request.body)
    const [a, b] = await Promise.all([ctx.identifyToken(body.a.token), ctx.identifyToken(body.b.token)])
    return runSimulation(ctx, body.whatIf, (sim) => diffVisibleRows(sim, body.schema, body.table, a, b))
  })

  app.get('/studio/api/rls/advisor', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    return { findings: await adviseRls(ctx.pools.admin) }
  })

  app.post('/studio/api/rls/apply', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(applyBody, request.body)
    const applied = await applyAndRecord(ctx, body.sql, body.name)
    await (await schemaStoreFor(ctx)).reload()
    logStudioAction(ctx, request, `applied: ${body.name}`, { sql: body.sql, file: applied.file })
    return { applied: true, migrationFile: applied.file }
  })

  app.post('/studio/api/rls/identity-token', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(claimsBody, request.body)
    const claims: Record<string, unknown> = { iss: 'fluxbase', sub: '', ...body.claims, token_type: 'access', impersonated: true }
    const token = await signJwt(ctx.keys.secret, claims, { expiresInSeconds: body.expiresInSeconds })
    logStudioAction(ctx, request, 'identity token for custom claims', { role: claims.role, sub: claims.sub })
    return { access_token: token, expires_in: body.expiresInSeconds, claims }
  })

  app.post('/studio/api/examples/guide-rls', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const sql = fs.readFileSync(path.join(resourcesDir(), 'examples', 'guide-rls.sql'), 'utf8')
    const client = await ctx.pools.admin.connect()
    try {
      await client.query('BEGIN')
      await client.query(sql)
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw new ApiError(400, 'EXAMPLE_FAILED', `the example project could not be loaded: ${(err as Error).message}`)
    } finally {
      client.release(true)
    }
    // The app-facing API must know the new tables at once (not after the DDL watcher's debounce).
    await (await schemaStoreFor(ctx)).reload()
    logStudioAction(ctx, request, 'load example project: the guide RLS patterns')
    const schemas = [...sql.matchAll(/^CREATE SCHEMA (\w+);/gm)].map((m) => m[1])
    return { loaded: true, schemas }
  })
}
