// features/auth/RolesEditor.tsx — app_metadata.roles as chips: remove one with ×, add one by typing its name and
// pressing Enter. It edits the app_metadata text the JSON editor below shows, so both always agree.
import { useState, type ReactElement } from 'react'

export function RolesEditor({ roles, disabled, onChange }: { roles: string[]; disabled: boolean; onChange(roles: string[]): void }): ReactElement {
  const [draft, setDraft] = useState('')
  const add = () => {
    const name = draft.trim()
    if (!name) return
    if (!roles.includes(name)) onChange([...roles, name])
    setDraft('')
  }
  return (
    <div className="ui-field">
      <span>Roles (app_metadata.roles)</span>
      <div className="roles-editor">
        {roles.map((r) => (
          <span key={r} className="ui-tag ui-tag--accent roles-editor__chip">
            {r}
            <button type="button" className="roles-editor__remove" aria-label={`Remove role ${r}`} disabled={disabled} onClick={() => onChange(roles.filter((x) => x !== r))}>
              ×
            </button>
          </span>
        ))}
        <input
          className="ui-input roles-editor__input"
          placeholder={disabled ? 'fix app_metadata first' : 'add a role, Enter'}
          aria-label="Add a role"
          value={draft}
          disabled={disabled}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }}
          onBlur={add}
        />
      </div>
    </div>
  )
}
