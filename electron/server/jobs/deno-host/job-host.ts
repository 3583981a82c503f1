// jobs/deno-host/job-host.ts — the entry of the Deno host for job functions (bundled by esbuild with the clients;
// see functions/host-bundle.ts). Loads one job function at init, then runs it for each job (contract §4.3):
// `handler(req, fluxbase, fluxbaseService, job)` with a POST Request carrying the payload, or
// `main(payload, fluxbase, fluxbaseService, job)`. Progress goes to the runtime as events while the job runs; a
// 'cancel' signal turns checkCancellation() true (the runtime stops the worker after a grace period).
import { replaceCallEnv, runHost, sendEvent } from '../../deno/host-channel.js'
import { createClient } from '../../functions/deno-host/handler-clients.js'
import { createAi, createSecrets } from '../../functions/deno-host/handler-utils.js'
import type { JobHostInit, JobProgress, JobRunPayload, JobRunResult } from './job-host-messages.js'

type JobFn = (input: unknown, fluxbase: unknown, fluxbaseService: unknown, job: unknown) => unknown

const NO_HANDLER = "No handler function found. Export a 'handler', 'default', or 'main' function."
let run: { fn: JobFn; takesPayload: boolean } | undefined
let cancelled = false
const g = globalThis as Record<string, unknown>
g.createClient = createClient

async function init(message: unknown): Promise<void> {
  const { moduleUrl } = message as JobHostInit
  const mod = (await import(moduleUrl)) as Record<string, unknown>
  if (typeof mod.handler === 'function') run = { fn: mod.handler as JobFn, takesPayload: false }
  else if (typeof mod.default === 'function') run = { fn: mod.default as JobFn, takesPayload: false }
  else if (typeof mod.main === 'function') run = { fn: mod.main as JobFn, takesPayload: true }
  else throw new Error(NO_HANDLER)
}

/** Contract §4.3's result normalisation, except that any JSON value is a valid result (decision 6). */
async function normalise(value: unknown): Promise<JobRunResult> {
  if (value instanceof Response) {
    const text = await value.text()
    try {
      return { completed: JSON.parse(text) }
    } catch {
      return { completed: { body: text, status: value.status } }
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>
    if (v.success === false) return { failed: typeof v.error === 'string' && v.error ? v.error : 'the job returned success: false' }
    if (typeof v.status === 'number' && typeof v.body === 'string') {
      try {
        return { completed: JSON.parse(v.body) }
      } catch {
        return { completed: v.body }
      }
    }
  }
  return { completed: value === undefined ? null : value }
}

async function call(message: unknown): Promise<JobRunResult> {
  const { env, context } = message as JobRunPayload
  replaceCallEnv(env)
  cancelled = false
  const payload = context.payload ?? {}
  const job = {
    reportProgress(percent: number, message?: string, data?: unknown) {
      const p: JobProgress = { percent: Math.max(0, Math.min(100, Number(percent) || 0)), message, data }
      sendEvent('progress', p)
    },
    checkCancellation: () => cancelled,
    isCancelled: async () => cancelled,
    getJobContext: () => context,
    getJobPayload: () => payload,
    ai: createAi(env.FLUXBASE_SERVICE_TOKEN),
  }
  g.Fluxbase = job
  g.secrets = createSecrets(env)
  const fluxbase = createClient(env.FLUXBASE_URL, env.FLUXBASE_JOB_TOKEN)
  const fluxbaseService = createClient(env.FLUXBASE_URL, env.FLUXBASE_SERVICE_TOKEN)
  try {
    const input = run!.takesPayload
      ? payload
      : new Request(env.FLUXBASE_URL, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) })
    return await normalise(await run!.fn(input, fluxbase, fluxbaseService, job))
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err))
    return { thrown: { message: e.message || String(err), stack: e.stack ?? '' } }
  }
}

void runHost({
  init,
  call,
  signal(_id, name) {
    if (name === 'cancel') cancelled = true
  },
})
