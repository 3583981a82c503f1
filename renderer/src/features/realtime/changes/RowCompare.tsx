// features/realtime/changes/RowCompare.tsx — the change's rows as a column-by-column table: old beside new for an
// UPDATE with changed columns highlighted, one side for INSERT and DELETE; and why an old row may be missing or partial.
import { Badge } from '../../../components/ui'
import type { ReactElement } from 'react'
import type { InspectorChange } from '../../../../../contract/studio-realtime'
import { diffRows, valueText } from '../row-diff'

function Cell({ value, present }: { value: unknown; present: boolean }): ReactElement {
  if (!present) return <td className="rt-compare__value rt-compare__value--absent">—</td>
  return <td className={`rt-compare__value${value === null ? ' rt-compare__value--null' : ''}`}>{valueText(value)}</td>
}

export function RowCompare({ change }: { change: InspectorChange }): ReactElement {
  const update = change.type === 'UPDATE'
  const showOld = update || change.type === 'DELETE'
  const showNew = change.type !== 'DELETE'
  const oldMissing = update && !change.old_record
  const diff = diffRows(showOld ? change.old_record : null, showNew ? change.record : null)
  const changedCount = diff.filter((d) => d.changed).length
  const excluded = new Set(change.excluded_columns)
  const truncated = new Set(change.truncated ?? [])
  const name = `${change.schema}.${change.table}`

  return (
    <div className="rt-compare">
      {oldMissing && (
        <p className="rt-note">
          The old row was not captured: {name} is not REPLICA IDENTITY FULL, so PostgreSQL logs no old values for an update that keeps the key. Enabling realtime on
          the table sets it.
        </p>
      )}
      {change.old_key_only && change.old_record && <p className="rt-note">Only the key of the old row was captured ({name} is not REPLICA IDENTITY FULL).</p>}
      {update && !oldMissing && !change.old_key_only && <p className="rt-compare__summary">{changedCount === 1 ? '1 column changed' : `${changedCount} columns changed`}</p>}
      <table className="rt-compare__table" data-testid="rt-row-compare">
        <thead>
          <tr>
            <th scope="col">Column</th>
            {showOld && <th scope="col">{update ? 'Old' : 'Value'}</th>}
            {showNew && <th scope="col">{update ? 'New' : 'Value'}</th>}
          </tr>
        </thead>
        <tbody>
          {diff.map((d) => (
            <tr key={d.column} className={d.changed ? 'rt-compare__row--changed' : undefined} data-changed={d.changed || undefined}>
              <th scope="row">
                {d.column}
                {excluded.has(d.column) && <Badge title="Realtime leaves this column out of what clients receive">not sent</Badge>}
                {truncated.has(d.column) && <Badge title="Cut down for the inspector; clients received the whole value">cut</Badge>}
              </th>
              {showOld && <Cell value={d.old} present={d.inOld} />}
              {showNew && <Cell value={d.new} present={d.inNew} />}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
