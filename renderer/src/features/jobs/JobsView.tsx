// features/jobs/JobsView.tsx — the Jobs page: job functions (state, errors, schedules with next run, pause/resume,
// run now) and a submit form on top; the queue (filters, pages, refreshed every few seconds) with the chosen
// job's detail beside it. Off → the flag that turns jobs on.
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import { EmptyState, InlineError, SkeletonRows, SplitPane } from '../../components/ui'
import { getCompute, type ComputeInfo } from '../../api/compute-api'
import { listJobFunctions, type JobFunction } from '../../api/jobs-api'
import { JobFunctions } from './JobFunctions'
import { JobQueue } from './JobQueue'
import { JobDetail } from './JobDetail'
import { SubmitJob } from './SubmitJob'
import '../functions/compute-text.css'
import './jobs.css'

const REFRESH_MS = 2_000

export function JobsView(): ReactElement {
  const [compute, setCompute] = useState<ComputeInfo | null>(null)
  const [functions, setFunctions] = useState<JobFunction[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selectedJob, setSelectedJob] = useState<string | null>(null)
  const [tick, setTick] = useState(0)

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      const c = await getCompute(signal)
      setCompute(c)
      if (c.jobs.enabled) setFunctions(await listJobFunctions(signal))
      setError(null)
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setError((err as Error).message)
    }
  }, [])

  useEffect(() => {
    const controller = new AbortController()
    void refresh(controller.signal)
    const timer = setInterval(() => {
      void refresh(controller.signal)
      setTick((t) => t + 1)
    }, REFRESH_MS)
    return () => {
      controller.abort()
      clearInterval(timer)
    }
  }, [refresh])

  const changed = (): void => {
    void refresh()
    setTick((t) => t + 1)
  }

  if (error && !compute) return <div className="jobs compute-table" data-testid="jobs-page"><InlineError title="Could not load the jobs" message={error} /></div>
  if (!compute) return <div className="jobs compute-table" data-testid="jobs-page"><SkeletonRows rows={4} columns={3} label="Loading jobs" /></div>
  if (!compute.jobs.enabled) {
    return (
      <div className="jobs compute-table" data-testid="jobs-page">
        <EmptyState title="Background jobs are off" icon="info">
          <p data-testid="jobs-off-hint">{compute.jobs.hint ?? 'Start the studio with --jobs-dir DIR (or --project DIR) to run your job functions here.'}</p>
        </EmptyState>
      </div>
    )
  }
  return (
    <div className="jobs compute-table" data-testid="jobs-page">
      {error && <InlineError title="Refresh failed" message={error} />}
      <div className="jobs__top">
        <JobFunctions functions={functions ?? []} dir={compute.jobs.dir} onChanged={changed} onOpenJob={setSelectedJob} />
        <SubmitJob compute={compute} functions={functions ?? []} onSubmitted={(id) => { setSelectedJob(id); changed() }} />
      </div>
      <SplitPane
        label="Queue width"
        defaultSize={560}
        max={900}
        className="jobs__split"
        start={<JobQueue functions={functions ?? []} tick={tick} selected={selectedJob} onSelect={setSelectedJob} />}
        end={selectedJob ? <JobDetail key={selectedJob} id={selectedJob} tick={tick} onChanged={changed} onOpenJob={setSelectedJob} /> : <EmptyState size="compact" title="No job chosen"><p>Pick a job in the queue to see its payload, progress, result and logs.</p></EmptyState>}
      />
    </div>
  )
}
