// features/tables/staging/InsertForm.tsx — a new row, staged (not written): one field per column with its type and
// what happens if left empty (the column default shown, "identity", "generated", NULL, or "required"). Empty fields
// are left out of the POST so the database applies its defaults.
import { useState, type ReactElement } from 'react'
import type { ColumnMeta } from '../../../../../contract/table-meta'
import { parseInput, valueKind, ValueInputError, type Row } from '../lib/value-types'
import { Modal } from '../ui/Modal'

type FieldMode = 'default' | 'value' | 'null'

function leftEmpty(c: ColumnMeta): { text: string; required: boolean } {
  if (c.generated) return { text: `generated: ${c.generated}`, required: false }
  if (c.identity) return { text: `identity (${c.identity}): numbered by the database`, required: false }
  if (c.default_value) return { text: `default: ${c.default_value}`, required: false }
  if (c.nullable) return { text: 'NULL (no default)', required: false }
  return { text: 'required: NOT NULL and no default', required: true }
}

export function InsertForm({ columns, tableName, onStage, onClose }: { columns: ColumnMeta[]; tableName: string; onStage: (values: Row) => void; onClose: () => void }): ReactElement {
  const [texts, setTexts] = useState<Record<string, string>>({})
  const [modes, setModes] = useState<Record<string, FieldMode>>({})
  const [problems, setProblems] = useState<Record<string, string>>({})

  const stage = (): void => {
    const values: Row = {}
    const found: Record<string, string> = {}
    for (const c of columns) {
      const mode = modes[c.name] ?? 'default'
      if (mode === 'null') values[c.name] = null
      else if (mode === 'value') {
        try {
          values[c.name] = parseInput(valueKind(c), texts[c.name] ?? '')
        } catch (err) {
          if (err instanceof ValueInputError) found[c.name] = err.message
          else throw err
        }
      }
    }
    setProblems(found)
    if (Object.keys(found).length) return
    onStage(values)
    onClose()
  }

  const missing = columns.filter((c) => leftEmpty(c).required && (modes[c.name] ?? 'default') === 'default')
  return (
    <Modal
      title={`New row in ${tableName}`}
      onClose={onClose}
      wide
      testId="insert-form"
      footer={
        <>
          <span className="tb-modal__meta">{missing.length ? `Still required: ${missing.map((c) => c.name).join(', ')} (the server will refuse the row without them).` : 'Empty fields take the column default.'}</span>
          <button type="button" className="ui-button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="ui-button ui-button--primary" onClick={stage} data-testid="stage-insert">
            Stage new row
          </button>
        </>
      }
    >
      <div className="tb-form">
        {columns.map((c) => {
          const kind = valueKind(c)
          const mode = modes[c.name] ?? 'default'
          const empty = leftEmpty(c)
          const readOnly = !!c.generated || c.identity === 'always'
          const setText = (t: string) => {
            setTexts({ ...texts, [c.name]: t })
            setModes({ ...modes, [c.name]: t === '' ? 'default' : 'value' })
          }
          return (
            <label key={c.name} className="tb-form__row" data-column={c.name}>
              <span className="tb-form__label">
                <span className="tb-form__name">{c.name}</span>
                <code className="tb-form__type">{c.type}</code>
                {c.primary_key && <span className="ui-tag">PK</span>}
                {!c.nullable && <span className="ui-tag">NOT NULL</span>}
              </span>
              {kind === 'bool' ? (
                <select className="ui-select" disabled={readOnly} value={mode === 'value' ? texts[c.name] : mode} onChange={(e) => (e.target.value === 'default' || e.target.value === 'null' ? setModes({ ...modes, [c.name]: e.target.value as FieldMode }) : setText(e.target.value))}>
                  <option value="default">{empty.text}</option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                  {c.nullable && <option value="null">NULL</option>}
                </select>
              ) : kind === 'json' || kind === 'array' ? (
                <textarea
                  className="ui-textarea"
                  rows={3}
                  disabled={readOnly || mode === 'null'}
                  placeholder={mode === 'null' ? 'NULL' : `${empty.text}${kind === 'json' ? ' — JSON' : ' — ["a","b"] or {a,b}'}`}
                  value={mode === 'null' ? '' : (texts[c.name] ?? '')}
                  aria-invalid={problems[c.name] ? true : undefined}
                  onChange={(e) => setText(e.target.value)}
                />
              ) : (
                <input
                  className={`ui-input${empty.required && mode === 'default' ? ' tb-input--required' : ''}`}
                  disabled={readOnly || mode === 'null'}
                  placeholder={mode === 'null' ? 'NULL' : empty.text}
                  value={mode === 'null' ? '' : (texts[c.name] ?? '')}
                  aria-invalid={problems[c.name] ? true : undefined}
                  onChange={(e) => setText(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') stage()
                  }}
                />
              )}
              {c.nullable && !readOnly && kind !== 'bool' && (
                <button
                  type="button"
                  className="ui-chip"
                  aria-pressed={mode === 'null'}
                  title="Insert NULL rather than the default"
                  onClick={(e) => {
                    e.preventDefault()
                    setModes({ ...modes, [c.name]: mode === 'null' ? 'default' : 'null' })
                  }}
                >
                  NULL
                </button>
              )}
              {problems[c.name] && (
                <span className="tb-form__problem" role="alert">
                  {problems[c.name]}
                </span>
              )}
            </label>
          )
        })}
      </div>
    </Modal>
  )
}
