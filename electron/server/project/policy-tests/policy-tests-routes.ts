// project/policy-tests/policy-tests-routes.ts — POST /api/v1/admin/policy-tests, for the service role: the test
// files' text in, the report out. This is how `fluxbase-studio test` runs against the runtime serving the data
// directory (the files are read by the command, in the project folder; the runtime runs them on the database its
// project folder builds, test-database.ts, or with database: live on its own).
import path from 'node:path'
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../../context.js'
import { ApiError } from '../../errors.js'
import { isPrivileged } from '../../rpc/check-access.js'
import { parseBody } from '../../http/parse-body.js'
import { runPolicyTests } from './run-policy-tests.js'
import { policyTestWatch } from './policy-test-watch.js'
import { POLICY_TESTS_PATH } from './report.js'

const runBody = z.object({
  files: z.array(z.object({ file: z.string().min(1).max(1000), text: z.string().max(5_000_000) })).max(10_000),
  /** project (default): the database the runtime's project folder builds; live: the runtime's own database. */
  database: z.enum(['project', 'live']).default('project'),
  /** The caller's project folder: must be the runtime's when database is project (its migrations build the database). */
  project: z.string().min(1).max(4096).optional(),
})

export async function registerPolicyTestsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post(POLICY_TESTS_PATH, async (request) => {
    const identity = await ctx.identify(request)
    if (!isPrivileged(identity)) throw new ApiError(403, 'FORBIDDEN', 'running policy tests requires the service role')
    const body = parseBody(runBody, request.body)
    if (body.database === 'live') return runPolicyTests(ctx.pools, body.files)
    if (body.project && path.resolve(body.project) !== path.resolve(ctx.config.project.root)) {
      throw new ApiError(409, 'OTHER_PROJECT', `the runtime serving this data directory builds its database from ${ctx.config.project.root}, not ${body.project}: run the tests from that folder, pass --live, or stop that runtime`)
    }
    return (await policyTestWatch(ctx).runNow('cli', body.files)).report
  })
}
