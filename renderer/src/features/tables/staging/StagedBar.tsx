// features/tables/staging/StagedBar.tsx — what is waiting to be written (edits, new rows, deletes), with Review and
// Discard; new rows are listed here since the grid shows only what the database holds.
import type { ReactElement } from 'react'
import { changeCount, type StagedChanges } from '../lib/staged-calls'
import { valueToText } from '../lib/value-types'

export function StagedBar({ staged, failedCount, onReview, onDiscard, onDropInsert }: { staged: StagedChanges; failedCount: number; onReview: () => void; onDiscard: () => void; onDropInsert: (id: string) => void }): ReactElement | null {
  const n = changeCount(staged)
  if (n === 0) return null
  const edits = Object.keys(staged.edits).length
  const deletes = Object.keys(staged.deletes).length
  const parts = [edits && `${edits} edited row${edits === 1 ? '' : 's'}`, staged.inserts.length && `${staged.inserts.length} new row${staged.inserts.length === 1 ? '' : 's'}`, deletes && `${deletes} row${deletes === 1 ? '' : 's'} to delete`].filter(Boolean)
  return (
    <div className="tb-staged" role="region" aria-label="Staged changes" data-testid="staged-bar">
      <div className="tb-staged__line">
        <span className="tb-staged__dot" aria-hidden="true" />
        <span>
          <b>{n} change{n === 1 ? '' : 's'} staged</b> — {parts.join(', ')}. Nothing is written until you review and run them.
        </span>
        {failedCount > 0 && <span className="tb-warn">{failedCount} failed: see the review</span>}
        <span className="tb-spacer" />
        <button type="button" className="ui-button ui-button--ghost" onClick={onDiscard}>
          Discard all
        </button>
        <button type="button" className="ui-button ui-button--primary" onClick={onReview} data-testid="review-changes">
          Review & run…
        </button>
      </div>
      {staged.inserts.length > 0 && (
        <ul className="tb-staged__inserts">
          {staged.inserts.map((ins) => (
            <li key={ins.id} className="tb-staged__insert">
              <span className="ui-tag ui-tag--ok">new</span>
              <span className="tb-staged__values">
                {Object.keys(ins.values).length
                  ? Object.entries(ins.values)
                      .map(([k, v]) => `${k} = ${v === null ? 'NULL' : (valueToText(v) ?? '').slice(0, 40)}`)
                      .join(' · ')
                  : 'all columns take their defaults'}
              </span>
              <button type="button" className="icon-button" aria-label="Remove this new row" title="Remove" onClick={() => onDropInsert(ins.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
