// project/policy-tests/policy-tests-routes.ts — POST /api/v1/admin/policy-tests, for the service role: the test
// files' text in, the report out. This is how `fluxbase-studio test` runs against the runtime serving the data
// directory (the files are read by the command, in the project folder; the runtime runs them on its pools).
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../../context.js'
import { ApiError } from '../../errors.js'
import { isPrivileged } from '../../rpc/check-access.js'
import { parseBody } from '../../http/parse-body.js'
import { runPolicyTests } from './run-policy-tests.js'
import { POLICY_TESTS_PATH } from './report.js'

const runBody = z.object({
  files: z.array(z.object({ file: z.string().min(1).max(1000), text: z.string().max(5_000_000) })).max(10_000),
})

export async function registerPolicyTestsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post(POLICY_TESTS_PATH, async (request) => {
    const identity = await ctx.identify(request)
    if (!isPrivileged(identity)) throw new ApiError(403, 'FORBIDDEN', 'running policy tests requires the service role')
    const body = parseBody(runBody, request.body)
    return runPolicyTests(ctx.pools, body.files)
  })
}
