// features/logs/LogsView.tsx — the log viewer: every source in one stream (HTTP, PostgreSQL, security, realtime,
// executions, studio actions), as a live tail or a table, filtered and searched on the server; one request's lines
// together; an entry's JSON; export. The feed runs while the view is open.
import { useEffect, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { logFeed } from './log-feed'
import { LogToolbar } from './LogToolbar'
import { LogFilterBar } from './LogFilterBar'
import { LogTail } from './LogTail'
import '../../styles/logs.css'
import { LogTable } from './LogTable'
import { LogDetail } from './LogDetail'
import { LOG_MEMORY_CAP } from './logs-slice'

export function LogsView(): ReactElement {
  const mode = useStudioStore((s) => s.logMode)
  const requestId = useStudioStore((s) => s.logFilters.requestId)
  const error = useStudioStore((s) => s.logError)
  const selected = useStudioStore((s) => s.logSelectedId !== null)

  useEffect(() => {
    const feed = logFeed()
    feed.start()
    return () => feed.stop()
  }, [])

  return (
    <div className="logs-view" data-testid="logs-page">
      <LogToolbar />
      {requestId ? <RequestBanner requestId={requestId} /> : <LogFilterBar />}
      {error && (
        <p className="ui-error" role="alert">
          {error}
        </p>
      )}
      <div className={`logs-body${selected ? ' logs-body--with-detail' : ''}`}>
        {mode === 'tail' ? <LogTail /> : <LogTable />}
        <LogDetail />
      </div>
      <LogStatusLine />
    </div>
  )
}

function RequestBanner({ requestId }: { requestId: string }): ReactElement {
  const leave = useStudioStore((s) => s.leaveRequest)
  const count = useStudioStore((s) => s.logEntries.length)
  const sources = useStudioStore((s) => [...new Set(s.logEntries.map((e) => e.category))].sort().join(', '))
  return (
    <div className="logs-request" role="status" data-testid="request-banner">
      <button type="button" className="ui-button ui-button--small" onClick={leave}>
        ← All logs
      </button>
      <span>
        Request <code>{requestId}</code>: {count} {count === 1 ? 'line' : 'lines'}
        {sources && ` (${sources})`}
      </span>
    </div>
  )
}

function LogStatusLine(): ReactElement {
  const state = useStudioStore((s) => s.logStreamState)
  const paused = useStudioStore((s) => s.logPaused)
  const backlog = useStudioStore((s) => s.logBacklog)
  const count = useStudioStore((s) => s.logEntries.length)
  const total = useStudioStore((s) => s.logTotal)
  const loading = useStudioStore((s) => s.logLoading)
  const label = paused ? `Paused${backlog ? ` · ${backlog.toLocaleString('en')} new waiting` : ''}` : state === 'live' ? 'Live' : state === 'closed' ? 'Stopped' : 'Reconnecting…'
  return (
    <footer className="logs-statusline">
      <span className={`logs-statusline__state logs-statusline__state--${paused ? 'paused' : state}`} data-testid="log-stream-state">
        <span className="logs-statusline__dot" aria-hidden="true" />
        {label}
      </span>
      <span className="tabular">
        {loading ? 'Searching…' : `${count.toLocaleString('en')} in view${total !== null && total > count ? ` of ${total.toLocaleString('en')} matching` : ''}`}
        {count >= LOG_MEMORY_CAP ? ' (the view keeps the newest 20,000; export for all)' : ''}
      </span>
    </footer>
  )
}
