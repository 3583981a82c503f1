// jobs/job-log-lines.ts — one job's log lines (jobs.logs) as the contract's LogEntry objects, read as a given
// identity so RLS decides (a user: own jobs only). Shared by the app's /jobs/:id/logs and the admin/studio routes.
import type { Pool } from 'pg'
import type { Identity } from '../identity.js'
import { withIdentity } from '../postgres/with-identity.js'

export interface JobLogLine {
  id: string
  timestamp: string
  level: string
  message: string
  execution_id: string
  execution_type: 'job'
  line_number: number
}

/** Lines after `afterLine` (-1: from the first), in order, at most 10 000. */
export async function readJobLogLines(pool: Pool, as: Identity, jobId: string, afterLine: number): Promise<JobLogLine[]> {
  const rows = await withIdentity(pool, as, async (c) =>
    (
      await c.query<{ line_number: number; level: string; message: string; created_at: Date }>(
        'SELECT line_number, level, message, created_at FROM jobs.logs WHERE job_id = $1 AND line_number > $2 ORDER BY line_number LIMIT 10000',
        [jobId, afterLine],
      )
    ).rows,
  )
  return rows.map((r) => ({ id: `${jobId}:${r.line_number}`, timestamp: r.created_at.toISOString(), level: r.level, message: r.message, execution_id: jobId, execution_type: 'job', line_number: r.line_number }))
}
