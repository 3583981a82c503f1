// features/rls/policies/PolicyEditor.tsx — "Policies": create, edit or drop a policy as SQL (started from an
// existing policy or a template), try it without committing (every explain, dry run and comparison then runs with
// it and rolls it back), and apply it for real, which also appends it to a migration file in the project folder.
import { Button, CodeBlock, ConfirmDialog } from '../../../components/ui'
import { useRef, useState, type ReactElement } from 'react'
import { applySql, tableMeta } from '../../../api/rls-api'
import { useStudioStore } from '../../../store'
import type { RlsTableRef } from '../../../store/rls-slice'
import { Notice } from '../common/Notice'
import { useAction, useRequest } from '../common/use-request'
import { alterPolicySql, createPolicySql, dropPolicySql, migrationName, newPolicySql, qualified } from './policy-sql'
import { WhatIfPreview } from './WhatIfPreview'

export function PolicyEditor({ table }: { table: RlsTableRef }): ReactElement {
  const draft = useStudioStore((s) => s.rlsPolicyDraft)
  const setDraft = useStudioStore((s) => s.editPolicyDraft)
  const whatIf = useStudioStore((s) => s.rlsWhatIf)
  const setWhatIf = useStudioStore((s) => s.setRlsWhatIf)
  const bump = useStudioStore((s) => s.bumpRlsRevision)
  const [run, setRun] = useState(0)
  const meta = useRequest(`${table.schema}.${table.table}:${run}`, (signal) => tableMeta(table.schema, table.table, signal))
  const [confirming, setConfirming] = useState(false)
  // The dialog is unmounted on close; focus goes back to the button that opened it (not to the page).
  const applyButton = useRef<HTMLButtonElement>(null)
  const closeConfirm = () => {
    setConfirming(false)
    requestAnimationFrame(() => applyButton.current?.focus())
  }
  const apply = useAction(applySql)
  const name = migrationName(draft, `${table.schema}.${table.table}`)
  const stale = whatIf !== null && whatIf !== draft

  const doApply = async () => {
    await apply.runOrThrow(draft, name)
    setWhatIf(null)
    setRun(run + 1)
    bump()
  }

  return (
    <div className="rls-editor">
      <div className="rls-editor__columns">
        <aside className="rls-editor__list" aria-label="Policies on this table">
          <h3 className="rls-section__title">Policies on {table.schema}.{table.table}</h3>
          {meta.error && <p className="ui-error">{meta.error}</p>}
          <ul className="rls-editor__policies">
            {meta.data?.policies.map((p) => {
              const wire = { name: p.name, kind: p.kind, command: p.command as 'ALL', roles: p.roles, using: p.using_expression, check: p.check_expression }
              return (
                <li key={p.name} className="rls-editor__policy">
                  <span className="rls-editor__policy-name">{p.name}</span>
                  <span className="rls-editor__policy-meta">
                    {p.kind} · FOR {p.command} · TO {p.roles.join(', ')}
                  </span>
                  <span className="rls-editor__policy-actions">
                    <Button variant="ghost" size="sm" onClick={() => setDraft(alterPolicySql(table.schema, table.table, wire))} title="ALTER POLICY: change roles, USING and WITH CHECK">
                      Edit
                    </Button>
                    <Button variant="ghost" size="sm" onClick={() => setDraft(`${dropPolicySql(table.schema, table.table, p.name)}\n${createPolicySql(table.schema, table.table, wire)}`)} title="DROP + CREATE: change anything, including the command or permissive/restrictive">
                      Recreate
                    </Button>
                    <Button variant="ghost" size="sm" onClick={() => setDraft(dropPolicySql(table.schema, table.table, p.name))}>
                      Drop
                    </Button>
                  </span>
                </li>
              )
            })}
            {meta.data && !meta.data.policies.length && <li className="rls-empty-line">No policies yet.</li>}
          </ul>
          <button type="button" className="ui-button ui-button--small" onClick={() => setDraft(newPolicySql(table.schema, table.table, meta.data?.columns.map((c) => c.name) ?? []))}>
            New policy
          </button>
          {meta.data && !meta.data.rls.enabled && (
            <button type="button" className="ui-button ui-button--small" onClick={() => setDraft(`ALTER TABLE ${qualified(table.schema, table.table)} ENABLE ROW LEVEL SECURITY;`)} data-testid="policy-enable-rls">
              Enable RLS
            </button>
          )}
        </aside>
        <div className="rls-editor__main">
          <label className="rls-field__label" htmlFor="rls-policy-sql">
            SQL <span className="rls-field__hint">CREATE / ALTER / DROP POLICY, or any DDL to try</span>
          </label>
          <textarea
            id="rls-policy-sql"
            className="ui-textarea rls-editor__sql"
            rows={9}
            spellCheck={false}
            value={draft}
            placeholder="Pick a policy on the left (Edit, Recreate, Drop) or start a new one."
            onChange={(e) => setDraft(e.target.value)}
            data-testid="policy-sql"
          />
          <div className="rls-actions">
            <button type="button" className="ui-button ui-button--primary" disabled={!draft.trim()} onClick={() => setWhatIf(draft)} data-testid="what-if-try">
              {whatIf && !stale ? 'Trying it — run again' : 'Try it (not committed)'}
            </button>
            {whatIf && (
              <button type="button" className="ui-button" onClick={() => setWhatIf(null)} data-testid="what-if-stop">
                Stop trying
              </button>
            )}
            <span className="ui-toolbar__spacer" />
            <button ref={applyButton} type="button" className="ui-button ui-button--danger" disabled={!draft.trim()} onClick={() => {
                apply.reset()
                setConfirming(true)
              }} data-testid="policy-apply">
              Apply…
            </button>
          </div>
          {stale && <Notice tone="warn">The editor changed since you tried it: the preview still shows the earlier statement. Press “Try it” again.</Notice>}
          {apply.data && (
            <Notice tone="ok" title="Applied and committed" testId="apply-done">
              Appended to the migration file <code data-testid="migration-file">{apply.data.migrationFile}</code>
            </Notice>
          )}
        </div>
      </div>
      {whatIf ? (
        <WhatIfPreview table={table} whatIf={whatIf} />
      ) : (
        <p className="rls-intro">“Try it” runs the statement inside a transaction that is rolled back, before every explanation, dry run and comparison, until you stop trying or apply it. Nothing is committed until “Apply”.</p>
      )}
      {confirming && (
        <ConfirmDialog title="Apply this change to the database?" confirmLabel="Apply and record the migration" onConfirm={doApply} onClose={closeConfirm}>
          <p>It is committed to the local database, and appended to a migration file in the project folder (named “{name}”), so it lives in your repository and not only here.</p>
          <CodeBlock code={draft} language="SQL" />
        </ConfirmDialog>
      )}
    </div>
  )
}
