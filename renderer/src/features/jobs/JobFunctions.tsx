// features/jobs/JobFunctions.tsx — the job functions of the folder: state (a load error with file:line, annotation
// problems), schedule with next run, and the studio's "run now" and pause/resume of a schedule.
import { useState, type ReactElement } from 'react'
import { Badge, Button, DataTable, EmptyState, Panel, toast, type Tone } from '../../components/ui'
import { pauseSchedule, runJobNow, type JobFunction } from '../../api/jobs-api'
import { when } from './job-format'

const STATE_TONE: Record<JobFunction['state'], Tone> = { loaded: 'ok', loading: 'neutral', error: 'danger', disabled: 'warn' }

interface Props {
  functions: JobFunction[]
  dir: string | null
  onChanged(): void
  onOpenJob(id: string): void
}

export function JobFunctions({ functions, dir, onChanged, onOpenJob }: Props): ReactElement {
  const [busy, setBusy] = useState<string | null>(null)

  async function act(fn: JobFunction, what: 'run' | 'pause' | 'resume'): Promise<void> {
    setBusy(`${what}:${fn.id}`)
    try {
      if (what === 'run') {
        const job = await runJobNow(fn)
        onOpenJob(job.id)
        toast({ title: `${fn.name} queued`, tone: 'ok' })
      } else {
        await pauseSchedule(fn, what === 'pause')
        toast({ title: what === 'pause' ? `Schedule of ${fn.name} paused` : `Schedule of ${fn.name} resumed`, tone: 'ok' })
      }
      onChanged()
    } catch (err) {
      toast({ title: `Could not ${what} ${fn.name}`, description: (err as Error).message, tone: 'danger' })
    } finally {
      setBusy(null)
    }
  }

  return (
    <Panel title="Job functions" hint={dir ?? undefined} data-testid="job-functions">
      <DataTable
        caption="Job functions"
        rows={functions}
        rowKey={(f) => f.id}
        data-testid="job-function-rows"
        empty={<EmptyState size="compact" title="No job functions yet"><p>Save a file such as resize.ts in {dir}; it loads at once.</p></EmptyState>}
        columns={[
          {
            key: 'name',
            header: 'Name',
            cell: (f) => (
              <span className="compute-name" data-testid={`job-function-${f.name}`}>
                <span className="compute-mono">{f.name}</span>
                {f.error && <span className="compute-problem">{f.error.location ? `${f.error.location}: ` : ''}{f.error.message.split('\n')[0]}</span>}
                {f.problems.map((p) => <span key={p} className="compute-problem">{p}</span>)}
              </span>
            ),
          },
          { key: 'state', header: 'State', cell: (f) => <Badge tone={STATE_TONE[f.state]} size="md" dot>{f.state}</Badge> },
          {
            key: 'schedule',
            header: 'Schedule',
            cell: (f) =>
              f.schedule ? (
                <span className="compute-name">
                  <span className="compute-mono">{f.schedule}</span>
                  <span className="compute-muted">{f.schedule_paused ? 'paused' : `next ${when(f.next_run_at)}`}</span>
                </span>
              ) : (
                '—'
              ),
          },
          { key: 'last', header: 'Last run', cell: (f) => when(f.last_run_at) },
          {
            key: 'actions',
            header: <span className="visually-hidden">Actions</span>,
            align: 'end',
            cell: (f) => (
              <span className="jobs__actions">
                {f.schedule && (
                  <Button size="sm" variant="ghost" busy={busy === `pause:${f.id}` || busy === `resume:${f.id}`} onClick={() => void act(f, f.schedule_paused ? 'resume' : 'pause')} aria-label={`${f.schedule_paused ? 'Resume' : 'Pause'} schedule of ${f.name}`}>
                    {f.schedule_paused ? 'Resume' : 'Pause'}
                  </Button>
                )}
                <Button size="sm" busy={busy === `run:${f.id}`} disabled={f.state !== 'loaded'} onClick={() => void act(f, 'run')} aria-label={`Run ${f.name} now`}>
                  Run now
                </Button>
              </span>
            ),
          },
        ]}
      />
    </Panel>
  )
}
