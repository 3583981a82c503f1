// features/jobs/JobQueue.tsx — every user's jobs, newest first: filters by status and function, pages of 20, and a
// refresh on the view's tick (every few seconds) so running jobs move without a click.
import { useEffect, useState, type ReactElement } from 'react'
import { Badge, Button, DataTable, Field, InlineError, Panel, Select, Toolbar, ToolbarSpacer, ToolbarText } from '../../components/ui'
import { listQueue, type JobFunction, type JobPage, type JobStatus } from '../../api/jobs-api'
import { STATUSES, STATUS_TONE, progressOf, when } from './job-format'

const PAGE = 20
const ALL = 'all'

interface Props {
  functions: JobFunction[]
  tick: number
  selected: string | null
  onSelect(id: string): void
}

export function JobQueue({ functions, tick, selected, onSelect }: Props): ReactElement {
  const [status, setStatus] = useState<string>(ALL)
  const [fn, setFn] = useState<string>(ALL)
  const [offset, setOffset] = useState(0)
  const [page, setPage] = useState<JobPage | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    listQueue({ status: status === ALL ? undefined : (status as JobStatus), jobName: fn === ALL ? undefined : fn, limit: PAGE, offset }, controller.signal)
      .then((p) => {
        setPage(p)
        setError(null)
      })
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setError(err.message)
      })
    return () => controller.abort()
  }, [status, fn, offset, tick])

  const total = page?.total ?? 0
  return (
    <Panel title="Queue" data-testid="job-queue">
      <Toolbar label="Queue filters" variant="plain">
        <Field label="Status" layout="row">
          {(control) => <Select {...control} size="sm" options={[{ value: ALL, label: 'All statuses' }, ...STATUSES.map((s) => ({ value: s, label: s }))]} value={status} onValueChange={(v) => { setStatus(v); setOffset(0) }} data-testid="queue-status" />}
        </Field>
        <Field label="Function" layout="row">
          {(control) => <Select {...control} size="sm" options={[{ value: ALL, label: 'All functions' }, ...functions.map((f) => ({ value: f.name, label: f.name }))]} value={fn} onValueChange={(v) => { setFn(v); setOffset(0) }} data-testid="queue-function" />}
        </Field>
        <ToolbarSpacer />
        <ToolbarText>
          <span data-testid="queue-range">{total === 0 ? 'no jobs' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}</span>
        </ToolbarText>
        <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Newer
        </Button>
        <Button size="sm" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Older
        </Button>
      </Toolbar>
      {error && <InlineError title="Could not read the queue" message={error} />}
      <DataTable
        caption="Jobs in the queue"
        rows={page?.jobs ?? []}
        rowKey={(j) => j.id}
        selectedKey={selected ?? undefined}
        onRowClick={(j) => onSelect(j.id)}
        data-testid="queue-rows"
        empty={<p className="compute-muted">{page ? 'No job matches.' : 'Loading…'}</p>}
        columns={[
          { key: 'job_name', header: 'Function', cell: (j) => <span className="compute-mono" data-testid={`queue-job-${j.id}`}>{j.job_name}</span> },
          {
            key: 'status',
            header: 'Status',
            cell: (j) => {
              const { percent } = progressOf(j)
              return (
                <Badge tone={STATUS_TONE[j.status]} size="md" dot>
                  {j.status}
                  {j.status === 'running' && percent !== null ? ` ${percent}%` : ''}
                </Badge>
              )
            },
          },
          { key: 'who', header: 'By', cell: (j) => j.user_email ?? j.user_role ?? '—' },
          { key: 'created', header: 'Created', cell: (j) => <span className="compute-nowrap">{when(j.created_at)}</span> },
        ]}
      />
    </Panel>
  )
}
