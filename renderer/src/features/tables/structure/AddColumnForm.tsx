// features/tables/structure/AddColumnForm.tsx — add a column: name, type, default, NOT NULL, unique; the SQL is
// shown (asked of the server without running) before "Add column" runs it in one transaction.
import { useEffect, useState, type ReactElement } from 'react'
import type { ColumnSpec } from '../../../../../contract/table-meta'
import { addColumn } from '../../../api/tables-api'
import { ErrorNote } from '../ui/ErrorNote'
import { COMMON_TYPES } from '../create/create-table-model'

export function AddColumnForm({ schema, table, onDone, onCancel }: { schema: string; table: string; onDone: () => void; onCancel: () => void }): ReactElement {
  const [col, setCol] = useState<ColumnSpec>({ name: '', type: 'text', nullable: true, default: '', unique: false })
  const [sql, setSql] = useState<string | null>(null)
  const [previewError, setPreviewError] = useState<unknown>(null)
  const [runError, setRunError] = useState<unknown>(null)
  const [running, setRunning] = useState(false)
  const spec: ColumnSpec = { ...col, default: col.default?.trim() || undefined }
  const specKey = JSON.stringify(spec)

  useEffect(() => {
    if (!col.name.trim()) {
      setSql(null)
      return
    }
    const controller = new AbortController()
    const timer = setTimeout(() => {
      addColumn(schema, table, JSON.parse(specKey) as ColumnSpec, false, controller.signal).then(
        (r) => {
          setSql(r.sql)
          setPreviewError(null)
        },
        (err: unknown) => {
          if ((err as Error).name !== 'AbortError') {
            setSql(null)
            setPreviewError(err)
          }
        },
      )
    }, 200)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [schema, table, specKey, col.name])

  const run = async (): Promise<void> => {
    setRunning(true)
    setRunError(null)
    try {
      await addColumn(schema, table, spec, true)
      onDone()
    } catch (err) {
      setRunError(err)
    } finally {
      setRunning(false)
    }
  }

  return (
    <div className="tb-ddlform" data-testid="add-column-form">
      <div className="tb-ddlform__fields">
        <input className="ui-input" placeholder="column name" aria-label="Column name" value={col.name} onChange={(e) => setCol({ ...col, name: e.target.value })} data-autofocus />
        <input className="ui-input" list="tb-types" placeholder="type" aria-label="Column type" value={col.type} onChange={(e) => setCol({ ...col, type: e.target.value })} />
        <input className="ui-input" placeholder="default (SQL, optional)" aria-label="Default" value={col.default ?? ''} onChange={(e) => setCol({ ...col, default: e.target.value })} />
        <label className="tb-check">
          <input type="checkbox" checked={!col.nullable} onChange={(e) => setCol({ ...col, nullable: !e.target.checked })} /> NOT NULL
        </label>
        <label className="tb-check">
          <input type="checkbox" checked={!!col.unique} onChange={(e) => setCol({ ...col, unique: e.target.checked })} /> unique
        </label>
      </div>
      <datalist id="tb-types">
        {COMMON_TYPES.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {sql && <pre className="tb-sql" data-testid="add-column-sql">{sql}</pre>}
      {previewError !== null && <ErrorNote error={previewError} compact />}
      {runError !== null && <ErrorNote error={runError} title="PostgreSQL refused the change" />}
      {!col.nullable && !col.default?.trim() && <p className="tb-hint">A NOT NULL column without a default can only be added to an empty table.</p>}
      <div className="tb-ddlform__actions">
        <button type="button" className="ui-button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="ui-button ui-button--primary" disabled={!sql || running} onClick={() => void run()}>
          {running ? 'Adding…' : 'Add column'}
        </button>
      </div>
    </div>
  )
}
