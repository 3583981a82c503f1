// features/logs/LogDetail.tsx — one entry in full: its JSON (copyable), and shortcuts to the rest of its request
// and to everything the same identity did.
import { useState, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { copyText } from '../../api/clipboard'

export function LogDetail(): ReactElement | null {
  const id = useStudioStore((s) => s.logSelectedId)
  const entry = useStudioStore((s) => (s.logSelectedId === null ? undefined : s.logEntries.find((e) => e.id === s.logSelectedId)))
  const select = useStudioStore((s) => s.selectLogEntry)
  const showRequest = useStudioStore((s) => s.showRequest)
  const setFilters = useStudioStore((s) => s.setLogFilters)
  const requestId = useStudioStore((s) => s.logFilters.requestId)
  const [copied, setCopied] = useState<string | null>(null)
  if (id === null) return null
  if (!entry) {
    return (
      <aside className="logs-detail" aria-label="Entry">
        <p className="ui-empty">This entry is no longer in memory (the view keeps the newest 20,000).</p>
      </aside>
    )
  }
  const json = JSON.stringify(entry, null, 2)
  return (
    <aside className="logs-detail" aria-label="Entry" data-testid="log-detail">
      <header className="logs-detail__head">
        <h2 className="logs-detail__title">
          {entry.category} · {entry.level}
        </h2>
        <button type="button" className="ui-button ui-button--ghost ui-button--small" onClick={() => select(null)} aria-label="Close entry">
          ✕
        </button>
      </header>
      <div className="logs-detail__actions">
        <button
          type="button"
          className="ui-button ui-button--small"
          onClick={() =>
            copyText(json).then(
              () => setCopied('Copied'),
              (err: unknown) => setCopied(`Could not copy: ${err instanceof Error ? err.message : String(err)}`),
            )
          }
        >
          Copy JSON
        </button>
        {entry.request_id && entry.request_id !== requestId && (
          <button type="button" className="ui-button ui-button--small" onClick={() => showRequest(entry.request_id!)}>
            All lines of this request
          </button>
        )}
        {entry.user_id && (
          <button type="button" className="ui-button ui-button--small" onClick={() => setFilters({ identity: entry.user_id!, requestId: '' })}>
            Only this user
          </button>
        )}
        {copied && <span className="logs-detail__copied">{copied}</span>}
      </div>
      <pre className="logs-detail__json">{json}</pre>
    </aside>
  )
}
