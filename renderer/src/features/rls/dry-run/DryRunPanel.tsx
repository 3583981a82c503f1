// features/rls/dry-run/DryRunPanel.tsx — "Dry run": compose an INSERT, UPDATE or DELETE (or take one handed over
// from the explain grid) and run it as the identity in a transaction the server always rolls back; the verdict
// says whether it would work and, if not, which policy and clause stop it.
import { useEffect, useState, type ReactElement } from 'react'
import type { WriteCommand } from '../../../../../contract/rls-simulator'
import { dryRunWrite, tableMeta } from '../../../api/rls-api'
import { useStudioStore } from '../../../store'
import type { RlsTableRef } from '../../../store/rls-slice'
import { JsonField, parseJsonObject } from '../common/JsonField'
import { Notice } from '../common/Notice'
import { useAction, useRequest } from '../common/use-request'
import { roleOf, subOf } from '../identity/identity-describe'
import { DryRunVerdict } from './DryRunVerdict'
import { UserValuePicker } from './UserValuePicker'
import { insertTemplate, matchTemplate, updateTemplate } from './write-templates'

const COMMANDS: WriteCommand[] = ['INSERT', 'UPDATE', 'DELETE']

export function DryRunPanel({ table }: { table: RlsTableRef }): ReactElement {
  const identity = useStudioStore((s) => s.identity)
  const whatIf = useStudioStore((s) => s.rlsWhatIf)
  const draft = useStudioStore((s) => s.rlsDryRunDraft)
  const clearDraft = useStudioStore((s) => s.draftDryRun)
  const meta = useRequest(`${table.schema}.${table.table}`, (signal) => tableMeta(table.schema, table.table, signal))
  const [command, setCommand] = useState<WriteCommand>('INSERT')
  const [values, setValues] = useState('')
  const [match, setMatch] = useState('')
  const run = useAction(dryRunWrite)
  const sub = subOf(identity)

  // Templates for a new table; a write handed over from the grid wins over them.
  useEffect(() => {
    const columns = meta.data?.columns
    if (!columns) return
    if (draft) {
      setCommand(draft.command)
      setMatch(draft.match ?? matchTemplate(columns))
      setValues(draft.values ?? (draft.command === 'INSERT' ? insertTemplate(columns, sub) : updateTemplate(columns, sub)))
      clearDraft(null)
      run.reset()
      return
    }
    setValues((v) => v || insertTemplate(columns, sub))
    setMatch((m) => m || matchTemplate(columns))
  }, [meta.data, draft])

  const switchCommand = (c: WriteCommand) => {
    setCommand(c)
    run.reset()
    const columns = meta.data?.columns
    if (columns) setValues(c === 'INSERT' ? insertTemplate(columns, sub) : c === 'UPDATE' ? updateTemplate(columns, sub) : values)
  }

  const parsedValues = command === 'DELETE' ? null : parseJsonObject(values, command === 'INSERT')
  const parsedMatch = command === 'INSERT' ? null : parseJsonObject(match)
  const valid = (parsedValues === null || parsedValues.ok) && (parsedMatch === null || parsedMatch.ok)

  const submit = () => {
    if (!valid) return
    void run.run({
      schema: table.schema,
      table: table.table,
      command,
      ...(parsedValues?.ok ? { values: parsedValues.value } : {}),
      ...(parsedMatch?.ok && !Array.isArray(parsedMatch.value) ? { match: parsedMatch.value } : {}),
      ...(whatIf ? { whatIf: [whatIf] } : {}),
    })
  }

  return (
    <div className="rls-dryrun">
      <p className="rls-intro">
        Runs the write as <strong>{identity.label}</strong> exactly as the API would (<code>RETURNING *</code>), inside a transaction that is always rolled back: nothing is kept.
      </p>
      <div className="ui-toolbar ui-toolbar--plain">
        <div className="ui-segmented" role="group" aria-label="Write to try">
          {COMMANDS.map((c) => (
            <button key={c} type="button" className="ui-segmented__item" aria-pressed={c === command} onClick={() => switchCommand(c)} data-testid={`dry-run-${c}`}>
              {c}
            </button>
          ))}
        </div>
      </div>
      {meta.error && <Notice tone="error" title="Could not read the table's columns">{meta.error}</Notice>}
      <div className="rls-dryrun__form">
        {command !== 'INSERT' && (
          <JsonField label="Match" hint={`which rows to ${command === 'UPDATE' ? 'update' : 'delete'}: column = value`} value={match} onChange={setMatch} error={parsedMatch && !parsedMatch.ok ? parsedMatch.error : null} rows={4} testId="dry-run-match" />
        )}
        {command !== 'DELETE' && (
          <JsonField
            label="Values"
            hint={command === 'INSERT' ? 'the row to insert (an object, or an array of rows)' : 'the columns to set'}
            value={values}
            onChange={setValues}
            error={parsedValues && !parsedValues.ok ? parsedValues.error : null}
            rows={6}
            testId="dry-run-values"
          />
        )}
        {command !== 'DELETE' && meta.data && <UserValuePicker columns={meta.data.columns} values={values} onChange={setValues} />}
      </div>
      <div className="rls-actions">
        <button type="button" className="ui-button ui-button--primary" onClick={submit} disabled={!valid || run.loading} data-testid="dry-run-submit">
          {run.loading ? 'Running…' : `Dry-run ${command} as ${identity.label}`}
        </button>
        <span className="rls-actions__note">Sequences still advance (nextval is not undone), and effects outside the database still happen.</span>
      </div>
      {run.error && (
        <Notice tone="error" title="The dry run could not run">
          {run.error}
        </Notice>
      )}
      {run.data && <DryRunVerdict result={run.data} identityLabel={identity.label} identity={{ role: roleOf(identity), appRole: roleOf(identity), userId: sub }} policies={whatIf ? [] : (meta.data?.policies ?? [])} />}
    </div>
  )
}
