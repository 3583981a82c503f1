// features/tables/row/RowPanel.tsx — the inspected row beside the grid: every field in full (jsonb as a tree), its
// staged value if edited, links to the rows its foreign keys name, and the rows elsewhere that reference it.
import type { ReactElement } from 'react'
import type { ForeignKeyMeta, TableStructure } from '../../../../../contract/table-meta'
import { CellValue } from '../cells/CellValue'
import { JsonTree } from '../cells/JsonTree'
import type { StagedEdit } from '../lib/staged-calls'
import { isLongValue, valueKind, type Row } from '../lib/value-types'
import { ReferencedBy } from './ReferencedBy'

export function RowPanel({ structure, row, rowNumber, edit, deleted, editable, onOpenValue, onFollow, onClose }: {
  structure: TableStructure
  row: Row
  rowNumber: number
  edit?: StagedEdit
  deleted: boolean
  editable: boolean
  onOpenValue: (column: string, edit: boolean) => void
  onFollow: (fk: ForeignKeyMeta) => void
  onClose: () => void
}): ReactElement {
  const fkByColumn = new Map<string, ForeignKeyMeta>()
  for (const fk of structure.foreignKeys) for (const c of fk.from_columns) fkByColumn.set(c, fk)
  return (
    <aside className="tb-rowpanel" aria-label={`Row ${rowNumber}`} data-testid="row-panel">
      <header className="tb-rowpanel__head">
        <h3>Row {rowNumber}</h3>
        {deleted && <span className="ui-tag ui-tag--danger">staged for delete</span>}
        <button type="button" className="icon-button" aria-label="Close the row details" onClick={onClose}>
          ×
        </button>
      </header>
      <dl className="tb-rowpanel__fields">
        {structure.columns.map((c) => {
          const kind = valueKind(c)
          const staged = !!edit && c.name in edit.changes
          const value = staged ? edit.changes[c.name] : row[c.name]
          const fk = fkByColumn.get(c.name)
          const canEdit = editable && !c.generated && c.identity !== 'always'
          return (
            <div key={c.name} className={`tb-rowpanel__field${staged ? ' tb-rowpanel__field--staged' : ''}`}>
              <dt>
                <span>{c.name}</span>
                <code>{c.type}</code>
              </dt>
              <dd>
                {kind === 'json' && value !== null && value !== undefined ? <JsonTree value={value} /> : <CellValue kind={kind} value={value} />}
                <span className="tb-rowpanel__actions">
                  {fk && value !== null && value !== undefined && (
                    <button type="button" className="tb-link" onClick={() => onFollow(fk)} title={`Open the ${fk.to_table} row this refers to`}>
                      → {fk.to_table}
                    </button>
                  )}
                  {(isLongValue(kind, value) || canEdit) && (
                    <button type="button" className="tb-link" onClick={() => onOpenValue(c.name, canEdit)}>
                      {canEdit ? 'Edit' : 'View'}
                    </button>
                  )}
                </span>
              </dd>
            </div>
          )
        })}
      </dl>
      <section className="tb-rowpanel__refs">
        <h4>Referenced by</h4>
        <ReferencedBy fks={structure.referencedBy} row={row} />
      </section>
    </aside>
  )
}
