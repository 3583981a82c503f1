// functions/manage-routes.ts — managing functions over the admin API (contract §3, decision 5: service role):
// POST /functions, PUT and DELETE /functions/:name, POST /admin/functions/sync. Everything is written to the
// functions folder (function-writer.ts), which stays the source of truth, and re-read at once, so the answer
// already shows the new state. Unlike upstream, sync never deletes a function the API did not write.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { isPrivileged } from '../rpc/check-access.js'
import { parseBody } from '../http/parse-body.js'
import type { FunctionsService } from './functions-service.js'
import { invalidFunctionName } from './function-files.js'
import { functionJson } from './admin-routes.js'
import { API_MARKER, codeWithSettings, functionSettingsFields, writeAtomically, writtenByApi, type FunctionSettingsInput } from './function-writer.js'

const MAX_CODE = 5 * 1024 * 1024
const code = z.string({ message: 'Function code is required' }).min(1, 'Function code is required').max(MAX_CODE, 'code is over 5 MB')
const name = z.string({ message: 'Function name is required' }).min(1, 'Function name is required').superRefine((v, c) => {
  const problem = invalidFunctionName(v)
  if (problem) c.addIssue({ code: 'custom', message: problem })
})
const createBody = z.object({ name, code, ...functionSettingsFields })
const updateBody = z.object({ code: code.optional(), ...functionSettingsFields })
const syncBody = z.object({
  namespace: z.literal('default', { message: 'namespace: this project has one namespace, "default"' }).default('default'),
  functions: z.array(z.object({ name, code, ...functionSettingsFields }).passthrough()).max(500),
  options: z.object({ delete_missing: z.boolean().default(false), dry_run: z.boolean().default(false) }).default({ delete_missing: false, dry_run: false }),
})

function refuseCron(s: FunctionSettingsInput): void {
  if (s.cron_schedule) throw new ApiError(400, 'VALIDATION_ERROR', 'cron_schedule: functions do not run on a schedule here; write a job with @fluxbase:schedule instead')
}

export async function registerFunctionManageRoutes(app: FastifyInstance, ctx: ServerContext, service: FunctionsService): Promise<void> {
  const dir = service.catalog.dir
  async function requireServiceRole(request: FastifyRequest): Promise<void> {
    const who = await ctx.identify(request, { required: true })
    if (!isPrivileged(who)) throw new ApiError(403, 'FORBIDDEN', 'managing functions needs the service role')
  }
  /** Writes one function (new: `<dir>/<name>.ts`, marked as the API's; existing: its own entry file). */
  function write(fnName: string, newCode: string | undefined, settings: FunctionSettingsInput): void {
    const existing = service.catalog.get(fnName)
    const entry = existing?.entry ?? path.join(dir, `${fnName}.ts`)
    const current = existing ? fs.readFileSync(entry, 'utf8') : ''
    writeAtomically(entry, codeWithSettings(newCode ?? current, settings, !existing || current.startsWith(API_MARKER)))
  }
  function remove(fnName: string): void {
    const fn = service.catalog.get(fnName)
    // A folder function loses its entry file only: its other files are the user's.
    if (fn) fs.rmSync(fn.entry, { force: true })
  }
  const current = (fnName: string) => {
    const fn = service.catalog.get(fnName)
    if (!fn) throw new ApiError(500, 'FUNCTION_NOT_LOADED', `${fnName} was written but the folder scan does not list it`)
    return functionJson(fn, dir)
  }

  app.post('/api/v1/functions', async (request, reply) => {
    await requireServiceRole(request)
    const body = parseBody(createBody, request.body)
    refuseCron(body)
    if (service.catalog.get(body.name)) throw new ApiError(409, 'CONFLICT', `a function named ${body.name} already exists (update it with PUT /api/v1/functions/${body.name})`)
    write(body.name, body.code, body)
    service.reload()
    return reply.status(201).send(current(body.name))
  })

  app.put('/api/v1/functions/:name', async (request) => {
    await requireServiceRole(request)
    const fnName = (request.params as { name: string }).name
    const body = parseBody(updateBody, request.body)
    refuseCron(body)
    if (!service.catalog.get(fnName)) throw new ApiError(404, 'NOT_FOUND', 'Function not found')
    write(fnName, body.code, body)
    service.reload()
    return current(fnName)
  })

  app.delete('/api/v1/functions/:name', async (request, reply) => {
    await requireServiceRole(request)
    const fnName = (request.params as { name: string }).name
    const problem = invalidFunctionName(fnName)
    if (problem) throw new ApiError(400, 'INVALID_FUNCTION_NAME', problem)
    remove(fnName)
    service.reload()
    return reply.status(204).send()
  })

  app.post('/api/v1/admin/functions/sync', async (request) => {
    await requireServiceRole(request)
    const body = parseBody(syncBody, request.body)
    const { dry_run: dryRun, delete_missing: deleteMissing } = body.options
    const details = { created: [] as string[], updated: [] as string[], deleted: [] as string[], unchanged: [] as string[], kept: [] as string[] }
    const errors: Array<{ function: string; error: string; action: string }> = []
    const wanted = new Set(body.functions.map((f) => f.name))
    for (const spec of body.functions) {
      const existing = service.catalog.get(spec.name)
      const action = existing ? 'update' : 'create'
      try {
        refuseCron(spec)
        const before = existing ? fs.readFileSync(existing.entry, 'utf8') : undefined
        const after = codeWithSettings(spec.code, spec, !existing || before!.startsWith(API_MARKER))
        if (before === after) {
          details.unchanged.push(spec.name)
          continue
        }
        if (!dryRun) writeAtomically(existing?.entry ?? path.join(dir, `${spec.name}.ts`), after)
        ;(existing ? details.updated : details.created).push(spec.name)
      } catch (err) {
        errors.push({ function: spec.name, error: (err as Error).message, action })
      }
    }
    if (deleteMissing) {
      for (const fn of service.catalog.list()) {
        if (wanted.has(fn.name)) continue
        // Only what the API wrote: functions written by hand in the folder are never deleted by a sync.
        if (!writtenByApi(fn.entry)) {
          details.kept.push(fn.name)
          continue
        }
        if (!dryRun) remove(fn.name)
        details.deleted.push(fn.name)
      }
    }
    if (!dryRun) service.reload()
    const summary = { created: details.created.length, updated: details.updated.length, deleted: details.deleted.length, unchanged: details.unchanged.length, errors: errors.length }
    return { message: dryRun ? 'Dry run: nothing was written' : 'Functions synced to the functions folder', namespace: body.namespace, summary, details, errors, dry_run: dryRun }
  })
}
