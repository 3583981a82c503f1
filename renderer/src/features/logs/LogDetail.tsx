// features/logs/LogDetail.tsx — one entry in full: the error the app received (code, message, hint; a 401's reason)
// when the request failed, its JSON (copyable), and shortcuts to the rest of its request and to everything the same
// identity did.
import type { ReactElement } from 'react'
import type { LogEntry } from '../../../../contract/studio-logs'
import { Button, CodeBlock, EmptyState, IconButton, InlineError } from '../../components/ui'
import { useStudioStore } from '../../store'

/** The error an http line recorded (status ≥ 400: what the app was sent), if any. */
export function sentError(entry: LogEntry): { status?: number; code?: string; message?: string; hint?: string } | undefined {
  const error = entry.fields?.error as { code?: unknown; message?: unknown; hint?: unknown } | undefined
  if (!error || typeof error !== 'object') return undefined
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined)
  const status = typeof entry.fields?.status_code === 'number' ? entry.fields.status_code : undefined
  return { status, code: text(error.code), message: text(error.message), hint: text(error.hint) }
}

export function LogDetail(): ReactElement | null {
  const id = useStudioStore((s) => s.logSelectedId)
  const entry = useStudioStore((s) => (s.logSelectedId === null ? undefined : s.logEntries.find((e) => e.id === s.logSelectedId)))
  const select = useStudioStore((s) => s.selectLogEntry)
  const showRequest = useStudioStore((s) => s.showRequest)
  const setFilters = useStudioStore((s) => s.setLogFilters)
  const requestId = useStudioStore((s) => s.logFilters.requestId)
  if (id === null) return null
  if (!entry) {
    return (
      <aside className="logs-detail" aria-label="Entry">
        <EmptyState title="Entry gone" size="compact">
          This entry is no longer in memory (the view keeps the newest 20,000).
        </EmptyState>
      </aside>
    )
  }
  const json = JSON.stringify(entry, null, 2)
  const error = sentError(entry)
  return (
    <aside className="logs-detail" aria-label="Entry" data-testid="log-detail">
      <header className="logs-detail__head">
        <h2 className="logs-detail__title">
          {entry.category} · {entry.level}
        </h2>
        <IconButton label="Close entry" icon="close" size="sm" onClick={() => select(null)} />
      </header>
      {error && (
        <div data-testid="log-sent-error">
          <InlineError
            title={error.status === 401 ? 'Refused (401): why' : `The app was sent${error.status ? ` (${error.status})` : ''}`}
            code={error.code}
            message={error.message ?? 'no message'}
            hint={error.hint}
          />
        </div>
      )}
      <div className="logs-detail__actions">
        {entry.request_id && entry.request_id !== requestId && (
          <Button size="sm" onClick={() => showRequest(entry.request_id!)}>
            All lines of this request
          </Button>
        )}
        {entry.user_id && (
          <Button size="sm" onClick={() => setFilters({ identity: entry.user_id!, requestId: '' })}>
            Only this user
          </Button>
        )}
      </div>
      <CodeBlock title="JSON" language="json" code={json} wrap maxHeight={2000} />
    </aside>
  )
}
