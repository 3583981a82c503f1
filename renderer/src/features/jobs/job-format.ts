// features/jobs/job-format.ts — how the Jobs view words a job's status, times and progress.
import type { Tone } from '../../components/ui'
import type { Job, JobStatus } from '../../api/jobs-api'

export const STATUS_TONE: Record<JobStatus, Tone> = { pending: 'neutral', running: 'accent', completed: 'ok', failed: 'danger', cancelled: 'warn' }

export const STATUSES: JobStatus[] = ['pending', 'running', 'completed', 'failed', 'cancelled']

export function when(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString()
}

export function progressOf(job: Job): { percent: number | null; message: string | null } {
  const percent = job.progress_percent ?? job.progress?.percent ?? null
  const message = job.progress_message ?? job.progress?.message ?? null
  return { percent, message }
}

export function durationOf(job: Job): string {
  if (!job.started_at) return '—'
  const end = job.completed_at ? new Date(job.completed_at).getTime() : Date.now()
  const ms = end - new Date(job.started_at).getTime()
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}
