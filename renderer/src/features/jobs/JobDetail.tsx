// features/jobs/JobDetail.tsx — one job: status with progress bar and message, attempts and timing, payload, result or
// error, its console lines, and the studio's cancel (pending/running), retry (failed/cancelled) and resubmit.
import { useEffect, useState, type ReactElement } from 'react'
import { Badge, Button, CodeBlock, InlineError, KeyValue, Panel, Toolbar, toast } from '../../components/ui'
import { getJob, getJobLogs, jobAction, type Job, type JobAction, type JobLogLine } from '../../api/jobs-api'
import { STATUS_TONE, durationOf, progressOf, when } from './job-format'

interface Props {
  id: string
  tick: number
  onChanged(): void
  onOpenJob(id: string): void
}

/** Pretty JSON; a result stored as JSON text (what the queue keeps) is shown as the value it encodes. */
function json(v: unknown): string {
  if (typeof v === 'string') {
    try {
      return JSON.stringify(JSON.parse(v), null, 2)
    } catch {
      return JSON.stringify(v)
    }
  }
  return JSON.stringify(v, null, 2) ?? 'null'
}

export function JobDetail({ id, tick, onChanged, onOpenJob }: Props): ReactElement {
  const [job, setJob] = useState<Job | null>(null)
  const [logs, setLogs] = useState<JobLogLine[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<JobAction | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    Promise.all([getJob(id, controller.signal), getJobLogs(id, controller.signal)])
      .then(([j, l]) => {
        setJob(j)
        setLogs(l.logs)
        setError(null)
      })
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setError(err.message)
      })
    return () => controller.abort()
  }, [id, tick])

  async function act(action: JobAction): Promise<void> {
    setBusy(action)
    try {
      const reply = (await jobAction(id, action)) as { id?: string; message?: string }
      toast({ title: reply.message ?? (action === 'resubmit' ? 'Resubmitted as a new job' : `Job ${action}`), tone: 'ok' })
      if (action === 'resubmit' && reply.id) onOpenJob(reply.id)
      onChanged()
    } catch (err) {
      toast({ title: `Could not ${action} the job`, description: (err as Error).message, tone: 'danger' })
    } finally {
      setBusy(null)
    }
  }

  if (error && !job) return <InlineError title="Could not read the job" message={error} />
  if (!job) return <p className="compute-muted">Loading…</p>
  const { percent, message } = progressOf(job)
  const active = job.status === 'pending' || job.status === 'running'
  const logText = logs.map((l) => `${l.level.padEnd(5)} ${l.message}`).join('\n')
  return (
    <div className="jobs__detail" data-testid="job-detail" data-status={job.status}>
      <Panel
        title={<span className="compute-mono">{job.job_name}</span>}
        actions={<Badge tone={STATUS_TONE[job.status]} size="md" dot><span data-testid="job-status">{job.status}</span></Badge>}
      >
        {(percent !== null || message) && (
          <div className="jobs__progress">
            <progress max={100} value={percent ?? undefined} aria-label={`Progress of ${job.job_name}`} />
            <span className="compute-muted" data-testid="job-progress">{percent !== null ? `${percent}%` : ''}{message ? ` · ${message}` : ''}</span>
          </div>
        )}
        <KeyValue
          items={[
            { key: 'id', label: 'Job id', value: job.id, mono: true, copy: job.id },
            { key: 'by', label: 'Submitted by', value: job.user_email ?? job.user_role ?? '—' },
            { key: 'attempts', label: 'Attempts', value: `${(job.retry_count ?? 0) + 1} (max retries ${job.max_retries ?? 0})` },
            { key: 'created', label: 'Created', value: when(job.created_at) },
            { key: 'started', label: 'Started', value: when(job.started_at) },
            { key: 'duration', label: 'Duration', value: durationOf(job) },
          ]}
        />
        <Toolbar label="Job actions" variant="plain">
          <Button variant="danger" size="sm" disabled={!active} busy={busy === 'cancel'} onClick={() => void act('cancel')} data-testid="job-cancel">
            Cancel
          </Button>
          <Button size="sm" disabled={job.status !== 'failed' && job.status !== 'cancelled'} busy={busy === 'retry'} onClick={() => void act('retry')} data-testid="job-retry">
            Retry
          </Button>
          <Button size="sm" busy={busy === 'resubmit'} onClick={() => void act('resubmit')} data-testid="job-resubmit">
            Resubmit
          </Button>
        </Toolbar>
      </Panel>
      {job.error_message && <InlineError title="The job failed" message={job.error_message} />}
      {job.payload !== undefined && <CodeBlock code={json(job.payload)} language="json" title="Payload" wrap maxHeight={180} />}
      {job.result !== undefined && <div data-testid="job-result"><CodeBlock code={json(job.result)} language="json" title="Result" wrap maxHeight={220} /></div>}
      <div data-testid="job-logs">
        {logText ? <CodeBlock code={logText} language="log" title="Log lines" wrap maxHeight={240} /> : <p className="compute-muted">No log lines yet.</p>}
      </div>
    </div>
  )
}
