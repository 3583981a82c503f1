// jobs/job-json.ts — a jobs.queue row → the Job object of the contract (§4.2, decision 6): payload, result and
// progress as upstream sends them (JSON text) beside the flattened progress_percent / _message / _data, `error` as
// an alias of error_message, the ETA of a running job, null fields left out. Pure.
import type { JobRow } from './job-queue.js'

const text = (value: unknown) => (value === null || value === undefined ? undefined : JSON.stringify(value))

export interface JobJsonOptions {
  /** get: flattened progress and the payload; list: neither (as upstream). */
  detail: boolean
  includeResult: boolean
}

export function jobJson(row: JobRow, options: JobJsonOptions = { detail: true, includeResult: true }): Record<string, unknown> {
  const progress = row.progress ?? undefined
  const out: Record<string, unknown> = {
    id: row.id,
    namespace: row.namespace,
    job_name: row.job_name,
    status: row.status,
    payload: options.detail ? text(row.payload) : undefined,
    result: options.includeResult ? text(row.result) : undefined,
    progress: text(row.progress),
    priority: row.priority,
    max_duration_seconds: row.max_duration_seconds,
    progress_timeout_seconds: row.progress_timeout_seconds,
    max_retries: row.max_retries,
    retry_count: row.retry_count,
    error_message: row.error_message ?? undefined,
    error: row.error_message ?? undefined,
    worker_id: row.worker_id ?? undefined,
    created_by: row.created_by ?? undefined,
    user_role: row.user_role ?? undefined,
    user_email: row.user_email ?? undefined,
    user_name: row.user_name ?? undefined,
    trigger_type: row.trigger_type,
    created_at: row.created_at?.toISOString(),
    scheduled_at: row.scheduled_at?.toISOString(),
    started_at: row.started_at?.toISOString(),
    last_progress_at: row.last_progress_at?.toISOString(),
    completed_at: row.completed_at?.toISOString(),
  }
  if (options.detail && progress) {
    out.progress_percent = progress.percent
    out.progress_message = progress.message
    out.progress_data = progress.data
  }
  const percent = progress?.percent ?? 0
  if (row.status === 'running' && row.started_at && percent > 0 && percent < 100) {
    const elapsed = Date.now() - row.started_at.getTime()
    const left = Math.round(((elapsed / percent) * (100 - percent)) / 1000)
    out.estimated_seconds_left = left
    out.estimated_completion_at = new Date(Date.now() + left * 1000).toISOString()
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k]
  return out
}
