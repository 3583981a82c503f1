// jobs/deno-host/job-host-messages.ts — what the runtime sends the jobs host (init, one run) and what a run
// answers. Types only, shared by jobs/job-executor.ts (Node) and job-host.ts (Deno).

export interface JobHostInit {
  /** file: URL of the job function's entry module. */
  moduleUrl: string
}

export interface JobContext {
  job_id: string
  job_name: string
  namespace: string
  retry_count: number
  payload: unknown
  user: { id: string; email?: string; role: string } | null
}

export interface JobRunPayload {
  /** The whole per-run environment (contract §2.4: FLUXBASE_URL, the job and service tokens, ids, secrets). */
  env: Record<string, string>
  context: JobContext
}

export interface JobProgress {
  percent: number
  message?: string
  data?: unknown
}

export type JobRunResult =
  | { completed: unknown }
  /** The handler returned `{ success: false, error }`: a failure with its message. */
  | { failed: string }
  | { thrown: { message: string; stack: string } }
  | { hostError: string }
