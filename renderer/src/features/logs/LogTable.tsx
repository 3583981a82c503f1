// features/logs/LogTable.tsx — the structured view: entries newest first in a virtualized table (only the rows
// in sight are in the page, however many are in memory). New entries arriving while the user reads further down
// do not move what they read. Click a row for its JSON, a request id for every line of that request.
import { useLayoutEffect, useRef, useState, type ReactElement } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { LogEntry } from '../../../../contract/studio-logs'
import { useStudioStore } from '../../store'
import { clockTime, durationOf, identityOf, statusOf } from './log-line'
import { logFeed } from './log-feed'

const ROW_HEIGHT = 28

function statusClass(status: number | undefined): string {
  if (status === undefined) return ''
  return status >= 500 ? ' logs-status--error' : status >= 400 ? ' logs-status--warn' : ' logs-status--ok'
}

export function LogTable(): ReactElement {
  const entries = useStudioStore((s) => s.logEntries)
  const appended = useStudioStore((s) => s.logAppended)
  const hasOlder = useStudioStore((s) => s.logHasOlder)
  const loading = useStudioStore((s) => s.logLoading)
  const selectedId = useStudioStore((s) => s.logSelectedId)
  const select = useStudioStore((s) => s.selectLogEntry)
  const showRequest = useStudioStore((s) => s.showRequest)
  const scroller = useRef<HTMLDivElement>(null)
  const lastAppended = useRef(appended)
  const [olderError, setOlderError] = useState<string | null>(null)
  const [loadingOlder, setLoadingOlder] = useState(false)

  const count = entries.length
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => entries[count - 1 - i]?.id ?? i,
  })

  // Newest rows go on top: when the reader is not at the top, shift by what was added so their rows stay put.
  useLayoutEffect(() => {
    const added = appended - lastAppended.current
    lastAppended.current = appended
    const el = scroller.current
    if (!el || added <= 0 || el.scrollTop === 0) return
    el.scrollTop += added * ROW_HEIGHT
  }, [appended])

  const entryAt = (i: number): LogEntry => entries[count - 1 - i]
  const loadOlder = async () => {
    setLoadingOlder(true)
    setOlderError(null)
    try {
      await logFeed().loadOlder()
    } catch (err) {
      setOlderError(err instanceof Error ? err.message : String(err))
    } finally {
      setLoadingOlder(false)
    }
  }

  return (
    <div className="logs-table" role="table" aria-label="Log entries" aria-rowcount={count}>
      <div className="logs-row logs-row--head" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Level</span>
        <span role="columnheader">Source</span>
        <span role="columnheader">Status</span>
        <span role="columnheader">Message</span>
        <span role="columnheader" className="logs-cell--duration">
          Duration
        </span>
        <span role="columnheader" className="logs-cell--identity">
          Identity
        </span>
        <span role="columnheader">Request</span>
      </div>
      <div className="logs-table__scroll" ref={scroller} data-testid="log-table">
        <div className="logs-table__inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const e = entryAt(item.index)
            if (!e) return null
            const status = statusOf(e)
            return (
              <div
                key={item.key}
                role="row"
                className={`logs-row logs-row--${e.level}${e.id === selectedId ? ' logs-row--selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => select(e.id === selectedId ? null : e.id)}
                data-testid="log-row"
                data-category={e.category}
                data-request-id={e.request_id ?? ''}
              >
                <span role="cell" className="logs-cell--time tabular" title={e.timestamp}>
                  {clockTime(e.timestamp)}
                </span>
                <span role="cell" className={`logs-level logs-level--${e.level}`}>
                  {e.level}
                </span>
                <span role="cell" className={`logs-source logs-source--${e.category}`}>
                  {e.category}
                </span>
                <span role="cell" className={`logs-status tabular${statusClass(status)}`}>
                  {status ?? ''}
                </span>
                <span role="cell" className="logs-cell--message" title={e.message}>
                  {e.message}
                </span>
                <span role="cell" className="logs-cell--duration tabular">
                  {durationOf(e)}
                </span>
                <span role="cell" className="logs-cell--identity" title={identityOf(e)}>
                  {identityOf(e)}
                </span>
                <span role="cell" className="logs-cell--request">
                  {e.request_id && (
                    <button
                      type="button"
                      className="logs-request-link"
                      title="Every line of this request, PostgreSQL's included"
                      onClick={(ev) => {
                        ev.stopPropagation()
                        showRequest(e.request_id!)
                      }}
                    >
                      {e.request_id}
                    </button>
                  )}
                </span>
              </div>
            )
          })}
        </div>
        {count === 0 && !loading && <p className="ui-empty">No entries match. Loosen the filters, or make a request: it shows up here at once.</p>}
        {hasOlder && count > 0 && (
          <div className="logs-table__older">
            <button type="button" className="ui-button" disabled={loadingOlder} onClick={() => void loadOlder()}>
              {loadingOlder ? 'Loading…' : 'Load older entries'}
            </button>
            {olderError && (
              <span className="ui-error" role="alert">
                {olderError}
              </span>
            )}
          </div>
        )}
      </div>
    </div>
  )
}
