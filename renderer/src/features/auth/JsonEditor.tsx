// features/auth/JsonEditor.tsx — a JSON object editor for user_metadata and app_metadata: a monospace text area
// that says what is wrong (line and column) while typing, and a Format button. The parent owns the text.
import { useId, type ReactElement } from 'react'
import { parseJsonObject, prettyJson } from './json-edit'

export interface JsonEditorProps {
  label: string
  hint: string
  value: string
  onChange(text: string): void
  rows?: number
  testId?: string
}

export function JsonEditor({ label, hint, value, onChange, rows = 6, testId }: JsonEditorProps): ReactElement {
  const id = useId()
  const parsed = parseJsonObject(value)
  return (
    <div className="json-editor">
      <div className="json-editor__head">
        <label htmlFor={id} className="json-editor__label">
          {label}
        </label>
        <button type="button" className="ui-button ui-button--ghost ui-button--small" disabled={!parsed.ok} onClick={() => parsed.ok && onChange(prettyJson(parsed.value))}>
          Format
        </button>
      </div>
      <textarea
        id={id}
        className="ui-textarea json-editor__text"
        spellCheck={false}
        rows={rows}
        value={value}
        aria-invalid={!parsed.ok}
        aria-describedby={`${id}-status`}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-status`} className={parsed.ok ? 'ui-field__hint' : 'json-editor__error'} role={parsed.ok ? undefined : 'alert'}>
        {parsed.ok ? hint : parsed.error}
      </p>
    </div>
  )
}
