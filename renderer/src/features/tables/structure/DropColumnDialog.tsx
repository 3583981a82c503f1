// features/tables/structure/DropColumnDialog.tsx — drop a column after reading the exact SQL (CASCADE only if
// ticked, e.g. when a view depends on it); PostgreSQL's refusal is shown as it said it.
import { useEffect, useState, type ReactElement } from 'react'
import { dropColumn } from '../../../api/tables-api'
import { ErrorNote } from '../ui/ErrorNote'
import { Modal } from '../ui/Modal'

export function DropColumnDialog({ schema, table, column, onDone, onClose }: { schema: string; table: string; column: string; onDone: () => void; onClose: () => void }): ReactElement {
  const [cascade, setCascade] = useState(false)
  const [sql, setSql] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [running, setRunning] = useState(false)
  useEffect(() => {
    let live = true
    dropColumn(schema, table, column, cascade, false).then(
      (r) => live && setSql(r.sql),
      (err: unknown) => live && setError(err),
    )
    return () => {
      live = false
    }
  }, [schema, table, column, cascade])
  const run = async (): Promise<void> => {
    setRunning(true)
    setError(null)
    try {
      await dropColumn(schema, table, column, cascade, true)
      onDone()
    } catch (err) {
      setError(err)
    } finally {
      setRunning(false)
    }
  }
  return (
    <Modal
      title={`Drop column ${column}?`}
      onClose={onClose}
      testId="drop-column"
      footer={
        <>
          <button type="button" className="ui-button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="ui-button ui-button--danger-solid" disabled={!sql || running} onClick={() => void run()}>
            {running ? 'Dropping…' : 'Drop column'}
          </button>
        </>
      }
    >
      <p>The column and all its values are removed from {schema}.{table}. This cannot be undone.</p>
      {sql && <pre className="tb-sql">{sql}</pre>}
      <label className="tb-check">
        <input type="checkbox" checked={cascade} onChange={(e) => setCascade(e.target.checked)} /> CASCADE — also drop views and constraints that depend on it
      </label>
      {error !== null && <ErrorNote error={error} title="PostgreSQL refused" />}
    </Modal>
  )
}
