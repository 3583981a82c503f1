// features/realtime/changes/ChangeList.tsx — the stream, newest first, virtualised (up to 10,000 rows): time, event
// type, table, the row in one line, and what happened to it. Arrow keys move the selection.
import { useRef, type KeyboardEvent, type ReactElement } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { InspectorChange } from '../../../../../contract/studio-realtime'
import { useStudioStore } from '../../../store'
import { TypeBadge } from '../Badges'
import { countOutcomes, deliveryShort } from '../delivery-text'
import { clockTime, rowSummary } from '../format'

const ROW_HEIGHT = 34

function ChangeRow({ change, selected, onSelect }: { change: InspectorChange; selected: boolean; onSelect(): void }): ReactElement {
  const decisions = useStudioStore((s) => s.rtBuffer.decisions.get(change.id))
  const counts = countOutcomes(decisions)
  const tone = change.delivery !== 'live' ? 'off' : counts.refused_rls || counts.dropped_slow ? 'warn' : counts.delivered ? 'ok' : 'none'
  return (
    <div
      role="option"
      aria-selected={selected}
      className={`rt-row${selected ? ' rt-row--selected' : ''}`}
      onClick={onSelect}
      data-testid="rt-change-row"
      data-table={`${change.schema}.${change.table}`}
      data-type={change.type}
    >
      <span className="rt-row__time tabular">{clockTime(change.commit_timestamp)}</span>
      <TypeBadge type={change.type} />
      <span className={`rt-row__table${change.table ? '' : ' rt-faint'}`}>{change.table ? `${change.schema}.${change.table}` : '—'}</span>
      <span className="rt-row__summary">{change.type === 'DDL' ? String(change.record?.command ?? '') : rowSummary(change.record ?? change.old_record)}</span>
      <span className={`rt-row__delivery rt-row__delivery--${tone}`}>{deliveryShort(change, decisions)}</span>
    </div>
  )
}

export function ChangeList({ changes, total }: { changes: InspectorChange[]; total: number }): ReactElement {
  const scroller = useRef<HTMLDivElement>(null)
  const selectedId = useStudioStore((s) => s.rtSelectedId)
  const select = useStudioStore((s) => s.selectRtChange)
  const n = changes.length
  const at = (i: number) => changes[n - 1 - i]
  const virtualizer = useVirtualizer({ count: n, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12, getItemKey: (i) => at(i).id })

  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const current = changes.findIndex((c) => c.id === selectedId)
    const i = current < 0 ? 0 : Math.min(n - 1, Math.max(0, n - 1 - current + (e.key === 'ArrowDown' ? 1 : -1)))
    if (!n) return
    select(at(i).id)
    virtualizer.scrollToIndex(i)
  }

  if (n === 0) {
    return (
      <div className="rt-list rt-list--empty" data-testid="rt-change-list">
        {total === 0 ? (
          <>
            <strong>Waiting for changes…</strong>
            <p>Insert, update or delete a row in any table — from the SQL console, your app or psql — and it shows up here, with who received it.</p>
          </>
        ) : (
          <strong>No change matches the filters.</strong>
        )}
      </div>
    )
  }

  return (
    <div ref={scroller} className="rt-list" role="listbox" aria-label="Captured changes, newest first" tabIndex={0} onKeyDown={onKey} data-testid="rt-change-list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const change = at(v.index)
          return (
            <div key={v.key} className="rt-list__item" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
              <ChangeRow change={change} selected={change.id === selectedId} onSelect={() => select(change.id === selectedId ? null : change.id)} />
            </div>
          )
        })}
      </div>
    </div>
  )
}
