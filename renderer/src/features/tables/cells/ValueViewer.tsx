// features/tables/cells/ValueViewer.tsx — the whole of one value (long text, jsonb as a tree, arrays, bytea) with an
// editor: the edit is checked for its type (valid JSON for jsonb) and staged like any other edit, never written here.
import { useState, type ReactElement } from 'react'
import type { ColumnMeta } from '../../../../../contract/table-meta'
import { CopyButton } from '../../../components/CopyButton'
import { parseInput, valueKind, valueToText, ValueInputError } from '../lib/value-types'
import { Modal } from '../ui/Modal'
import { JsonTree } from './JsonTree'

function editText(value: unknown, kind: ReturnType<typeof valueKind>): string {
  if (value === null || value === undefined) return ''
  if (kind === 'json' || (kind === 'array' && Array.isArray(value))) return JSON.stringify(value, null, 2)
  return valueToText(value) ?? ''
}

export function ValueViewer({ column, value, editable, startEditing = false, title, onStage, onClose }: {
  column: ColumnMeta
  value: unknown
  editable: boolean
  startEditing?: boolean
  title: string
  onStage: (value: unknown) => void
  onClose: () => void
}): ReactElement {
  const kind = valueKind(column)
  const [editing, setEditing] = useState(startEditing && editable)
  const [text, setText] = useState(() => editText(value, kind))
  const [problem, setProblem] = useState<string | null>(null)
  const copyValue = valueToText(value) ?? undefined

  const stage = (): void => {
    try {
      onStage(parseInput(kind, text))
      onClose()
    } catch (err) {
      if (err instanceof ValueInputError) setProblem(err.message)
      else throw err
    }
  }

  return (
    <Modal
      title={title}
      onClose={onClose}
      wide
      testId="value-viewer"
      footer={
        <>
          <span className="tb-modal__meta">
            <code>{column.type}</code>
            {!column.nullable && <span className="ui-tag">NOT NULL</span>}
          </span>
          {copyValue !== undefined && <CopyButton value={copyValue} label="value" />}
          {editable && !editing && (
            <button type="button" className="ui-button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {editable && editing && column.nullable && (
            <button
              type="button"
              className="ui-button"
              onClick={() => {
                onStage(null)
                onClose()
              }}
            >
              Set NULL
            </button>
          )}
          {editable && editing && (
            <button type="button" className="ui-button ui-button--primary" onClick={stage}>
              Stage change
            </button>
          )}
          {!editing && (
            <button type="button" className="ui-button" onClick={onClose}>
              Close
            </button>
          )}
        </>
      }
    >
      {editing ? (
        <div className="tb-viewer__edit">
          <textarea
            className="ui-textarea tb-viewer__textarea"
            value={text}
            spellCheck={false}
            aria-label={`New value for ${column.name}`}
            aria-invalid={problem ? true : undefined}
            data-autofocus
            onChange={(e) => {
              setText(e.target.value)
              setProblem(null)
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) stage()
            }}
          />
          <p className="tb-hint">
            {kind === 'json' ? 'JSON, checked before staging.' : kind === 'array' ? 'A JSON array (["a","b"]) or a PostgreSQL literal ({a,b}).' : 'Plain text, sent as typed.'} Ctrl+Enter stages the change; nothing is written until you review it.
          </p>
          {problem && (
            <p className="ui-error" role="alert">
              {problem}
            </p>
          )}
        </div>
      ) : value === null || value === undefined ? (
        <p className="tb-v tb-v--null">NULL</p>
      ) : kind === 'json' || (kind === 'array' && Array.isArray(value)) ? (
        <JsonTree value={value} />
      ) : kind === 'bytea' ? (
        <pre className="tb-viewer__pre">{String(value)}</pre>
      ) : String(value) === '' ? (
        <p className="tb-v tb-v--faint">(empty text — not NULL)</p>
      ) : (
        <pre className="tb-viewer__pre">{String(value)}</pre>
      )}
    </Modal>
  )
}
