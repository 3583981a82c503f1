// project/policy-tests/studio-policy-tests-routes.ts — the studio's policy-test endpoints (studio token): "Save as
// test" (draft the assertions from the simulator, show their text, append them to a file of the user's choice),
// the project's test files, and running them against the database the project folder builds (test-database.ts).
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { createSession } from 'better-sse'
import type { ServerContext } from '../../context.js'
import { parseBody } from '../../http/parse-body.js'
import { checkStudioToken } from '../../studio/studio-auth.js'
import { logStudioAction } from '../../studio/studio-identity.js'
import { draftAssertions, type Draft, type DraftRequest } from './draft-assertions.js'
import { appendToTestFile, draftText } from './append-test-file.js'
import { findTestFiles } from './find-test-files.js'
import { assertionSchemaFor, identitySpec, type Assertion } from './test-file-schema.js'
import { policyTestWatch } from './policy-test-watch.js'

const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,59}$/, 'an identity name is letters, digits, "_" or "-" (e.g. alice)')
const row = z.record(z.string(), z.unknown())
const where = { schema: z.string().min(1).default('public'), table: z.string().min(1) }

const draftBody = z.discriminatedUnion('from', [
  z.object({ from: z.literal('explain'), ...where, as: identitySpec, name: name.optional() }),
  z.object({
    from: z.literal('dry-run'),
    ...where,
    as: identitySpec,
    name: name.optional(),
    command: z.enum(['INSERT', 'UPDATE', 'DELETE']),
    values: z.union([row, z.array(row).min(1).max(100)]).optional(),
    match: row.optional(),
  }),
  z.object({ from: z.literal('compare'), ...where, identities: z.array(z.object({ as: identitySpec, name: name.optional() })).min(1).max(12), sampleRow: row.optional() }),
  z.object({ from: z.literal('table'), ...where, sampleRow: row.optional() }),
])

const assertion = z.unknown().superRefine((raw, ctx) => {
  const r = assertionSchemaFor(raw).safeParse(raw)
  if (!r.success) for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path.filter((p): p is string | number => typeof p !== 'symbol') })
})

/** What /draft returned, sent back to be saved exactly as shown. */
const draftShape = z.object({
  table: z.string().min(1).max(200),
  identities: z.array(z.object({ name, spec: identitySpec })).max(20),
  assertions: z.array(assertion).min(1).max(2000),
})

const saveBody = z.object({ file: z.string().min(1).max(200), draft: draftShape })

const whatIfBody = z.object({ whatIf: z.array(z.string().min(1).max(20_000)).min(1).max(20) })

export async function registerStudioPolicyTestsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  // Starts watching the project folder: tests re-run when a migration, seed or test file changes.
  const watch = policyTestWatch(ctx)

  /** The simulator's current state as assertions, and their text: shown to the user before anything is written. */
  app.post('/studio/api/policy-tests/draft', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(draftBody, request.body) as DraftRequest
    const draft = await draftAssertions(ctx.pools.admin, body)
    return { draft, text: draftText(draft) }
  })

  /** Appends a draft (as /draft returned it, possibly trimmed by the user) to fluxbase/tests/rls/<file>. */
  app.post('/studio/api/policy-tests/save', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(saveBody, request.body)
    const draft: Draft = { ...body.draft, assertions: body.draft.assertions as Assertion[], skipped: [] }
    const result = appendToTestFile(ctx.config.project.root, body.file, draft)
    logStudioAction(ctx, request, `policy tests: ${result.added} assertion(s) ${result.created ? 'saved to new file' : 'appended to'} ${result.file}`)
    return result
  })

  app.get('/studio/api/policy-tests/files', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    return { root: ctx.config.project.root, files: findTestFiles(ctx.config.project.root) }
  })

  /** Runs the project's tests now on the database its migrations and seeds build; the report is also the "last run". */
  app.post('/studio/api/policy-tests/run', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    return watch.runNow('studio')
  })

  app.get('/studio/api/policy-tests/last', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    return { run: watch.last() }
  })

  /** A policy edit not yet applied, checked against the tests on a throwaway clone of the folder's database. */
  app.post('/studio/api/policy-tests/what-if', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(whatIfBody, request.body)
    return watch.whatIf(body.whatIf)
  })

  // Server-sent events: `run` with each finished run (the last one first, when there is one). EventSource cannot
  // send headers: the token comes as ?token=, as for the log stream.
  app.get('/studio/api/policy-tests/stream', async (request, reply) => {
    const q = request.query as Record<string, unknown>
    if (typeof q.token === 'string' && !request.headers.authorization) request.headers.authorization = `Bearer ${q.token}`
    checkStudioToken(request, ctx.studioToken)
    reply.hijack()
    const session = await createSession(request.raw, reply.raw, { keepAlive: 15_000, retry: 1000 })
    const current = watch.last()
    if (current) session.push(current, 'run')
    const off = watch.subscribe((run) => {
      if (session.isConnected) session.push(run, 'run')
    })
    session.once('disconnected', off)
  })
}
