// studio/compute-routes.ts — what the Functions and Jobs views need to call the real endpoints as someone:
// GET /studio/api/compute (are functions and jobs on, the API URL, the anon key the SDK sends as apikey, the
// endpoints) and POST /studio/api/compute/call-as (what an app's request would carry: for a user or service_role a
// real access token minted as an audited impersonation, for anon the anon key). Studio token only.
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { parseBody } from '../http/parse-body.js'
import { startAuthModule } from '../auth/auth-module.js'
import { startImpersonation } from '../auth/impersonation.js'
import { requestMeta } from '../auth/request-meta.js'
import { checkStudioToken } from './studio-auth.js'
import { STUDIO_ACTOR } from './auth-routes.js'
import { functionsServiceOf } from '../functions/functions-routes.js'
import { jobsServiceOf } from '../jobs/jobs-routes.js'
import { FUNCTIONS_OFF_HINT } from './functions-routes.js'
import { JOBS_OFF_HINT } from './jobs-routes.js'

const callAsBody = z.discriminatedUnion('as', [
  z.object({ as: z.literal('user'), user_id: z.string().uuid('user_id must be a user id (uuid)'), expires_in: z.number().int().min(60).max(86_400).optional() }),
  z.object({ as: z.literal('anon'), expires_in: z.number().int().min(60).max(86_400).optional() }),
  z.object({ as: z.literal('service_role'), expires_in: z.number().int().min(60).max(86_400).optional() }),
])


export async function registerStudioComputeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const endpoints = {
    invoke: '/api/v1/functions/{name}/invoke',
    jobs_submit: '/api/v1/jobs/submit',
    job: '/api/v1/jobs/{id}',
    job_cancel: '/api/v1/jobs/{id}/cancel',
    job_retry: '/api/v1/jobs/{id}/retry',
    job_logs: '/api/v1/jobs/{id}/logs',
  }

  app.get('/studio/api/compute', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const functions = functionsServiceOf(ctx)
    const jobs = jobsServiceOf(ctx)
    return {
      api_url: ctx.apiUrl,
      anon_key: ctx.keys.anonKey,
      functions: functions ? { enabled: true, dir: functions.catalog.dir } : { enabled: false, dir: null, hint: FUNCTIONS_OFF_HINT },
      jobs: jobs ? { enabled: true, dir: jobs.catalog.dir } : { enabled: false, dir: null, hint: JOBS_OFF_HINT },
      endpoints,
    }
  })

  app.post('/studio/api/compute/call-as', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(callAsBody, request.body)
    if (body.as === 'anon') {
      // What an app that is not signed in sends: the anon key (an anon impersonation token would carry a user id).
      return { as: 'anon', role: 'anon', user: null, access_token: ctx.keys.anonKey, expires_in: null, headers: { apikey: ctx.keys.anonKey, Authorization: `Bearer ${ctx.keys.anonKey}` }, api_url: ctx.apiUrl, endpoints }
    }
    const auth = await startAuthModule(ctx)
    const started = await startImpersonation(auth, {
      adminId: STUDIO_ACTOR,
      type: body.as === 'user' ? 'user' : 'service',
      targetUserId: body.as === 'user' ? body.user_id : undefined,
      reason: 'studio: call a function or job as',
      expiresIn: body.expires_in,
      meta: requestMeta(request),
    })
    const role = body.as === 'user' ? (started.target_user?.role ?? 'authenticated') : body.as
    return {
      as: body.as,
      role,
      user: started.target_user,
      access_token: started.access_token,
      expires_in: started.expires_in,
      // The headers @fluxbase/sdk sends: the view adds them to its fetch of the real endpoint.
      headers: { apikey: ctx.keys.anonKey, Authorization: `Bearer ${started.access_token}` },
      api_url: ctx.apiUrl,
      endpoints,
    }
  })
}
