// features/tables/create/CreateTableDialog.tsx — create a table: name, columns (type, default, NOT NULL, primary
// key, unique, foreign key), and — ticked by default — enable RLS and grant to anon/authenticated. The SQL is asked
// of the server as the draft changes (without running) and shown; "Create table" runs it in one transaction.
import { useEffect, useMemo, useState, type ReactElement } from 'react'
import { previewCreateTable, runCreateTable, setRealtime } from '../../../api/tables-api'
import { useStudioStore } from '../../../store'
import { ErrorNote } from '../ui/ErrorNote'
import { Modal } from '../ui/Modal'
import { COMMON_DEFAULTS, COMMON_TYPES, draftColumn, draftProblems, draftToSpec, newTableDraft, type DraftColumn, type TableDraft } from './create-table-model'

export function CreateTableDialog(): ReactElement {
  const close = useStudioStore((s) => s.setCreateTableOpen)
  const tableList = useStudioStore((s) => s.tableList)
  const currentSchema = useStudioStore((s) => s.viewParams.schema)
  const loadTableList = useStudioStore((s) => s.loadTableList)
  const openTable = useStudioStore((s) => s.openTable)
  const [draft, setDraft] = useState<TableDraft>(() => newTableDraft(currentSchema && currentSchema !== 'auth' ? currentSchema : 'public'))
  const [sql, setSql] = useState<string | null>(null)
  const [previewError, setPreviewError] = useState<unknown>(null)
  const [runError, setRunError] = useState<unknown>(null)
  const [running, setRunning] = useState(false)

  const problems = draftProblems(draft)
  const blocking = problems.filter((p) => !p.startsWith('No primary key'))
  const spec = useMemo(() => draftToSpec(draft), [draft])
  const specKey = JSON.stringify(spec)
  const schemas = useMemo(() => [...new Set(['public', ...(tableList ?? []).map((t) => t.schema)])], [tableList])
  const targets = useMemo(() => (tableList ?? []).filter((t) => t.kind === 'table').map((t) => `${t.schema}.${t.name}`), [tableList])

  useEffect(() => {
    if (blocking.length) {
      setSql(null)
      return
    }
    const controller = new AbortController()
    const timer = setTimeout(() => {
      previewCreateTable(JSON.parse(specKey), controller.signal).then(
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
  }, [specKey, blocking.length])

  const setColumn = (key: string, patch: Partial<DraftColumn>) => setDraft({ ...draft, columns: draft.columns.map((c) => (c.key === key ? { ...c, ...patch } : c)) })

  const create = async (): Promise<void> => {
    setRunning(true)
    setRunError(null)
    try {
      await runCreateTable(spec)
      if (draft.enableRealtime) {
        try {
          await setRealtime(spec.schema ?? 'public', spec.name, true)
        } catch (err) {
          // The table exists; say what did not happen rather than undoing it.
          setRunError(new Error(`The table was created, but realtime could not be enabled: ${(err as Error).message}`))
          await loadTableList()
          return
        }
      }
      await loadTableList()
      close(false)
      openTable(spec.schema ?? 'public', spec.name, { tab: 'data' })
    } catch (err) {
      setRunError(err)
    } finally {
      setRunning(false)
    }
  }

  return (
    <Modal
      title="Create a table"
      onClose={() => close(false)}
      wide
      testId="create-table"
      footer={
        <>
          <span className="tb-modal__meta">Runs as the database owner, in one transaction.</span>
          <button type="button" className="ui-button" onClick={() => close(false)}>
            Cancel
          </button>
          <button type="button" className="ui-button ui-button--primary" disabled={!sql || running} onClick={() => void create()} data-testid="create-table-run">
            {running ? 'Creating…' : 'Create table'}
          </button>
        </>
      }
    >
      <div className="tb-create">
        <div className="tb-create__name">
          <label className="ui-field">
            <span>Schema</span>
            <input className="ui-input" list="tb-schemas" value={draft.schema} onChange={(e) => setDraft({ ...draft, schema: e.target.value })} />
          </label>
          <label className="ui-field tb-field--grow">
            <span>Table name</span>
            <input className="ui-input" placeholder="e.g. projects" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-autofocus data-testid="create-table-name" />
          </label>
        </div>
        <datalist id="tb-schemas">
          {schemas.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <datalist id="tb-create-types">
          {COMMON_TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <datalist id="tb-create-defaults">
          {COMMON_DEFAULTS.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <table className="tb-create__columns">
          <thead>
            <tr>
              <th>Column</th>
              <th>Type</th>
              <th>Default</th>
              <th title="Primary key">PK</th>
              <th>NOT NULL</th>
              <th>Unique</th>
              <th>References</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.columns.map((c) => (
              <tr key={c.key} data-testid="create-column">
                <td>
                  <input className="ui-input" aria-label="Column name" placeholder="name" value={c.name} onChange={(e) => setColumn(c.key, { name: e.target.value })} />
                </td>
                <td>
                  <input className="ui-input" aria-label="Type" list="tb-create-types" value={c.type} onChange={(e) => setColumn(c.key, { type: e.target.value })} />
                </td>
                <td>
                  <input className="ui-input" aria-label="Default" list="tb-create-defaults" placeholder="none" value={c.default} onChange={(e) => setColumn(c.key, { default: e.target.value })} />
                </td>
                <td className="tb-create__check">
                  <input type="checkbox" aria-label="Primary key" checked={c.primaryKey} onChange={(e) => setColumn(c.key, { primaryKey: e.target.checked })} />
                </td>
                <td className="tb-create__check">
                  <input type="checkbox" aria-label="NOT NULL" checked={c.notNull || c.primaryKey} disabled={c.primaryKey} onChange={(e) => setColumn(c.key, { notNull: e.target.checked })} />
                </td>
                <td className="tb-create__check">
                  <input type="checkbox" aria-label="Unique" checked={c.unique} onChange={(e) => setColumn(c.key, { unique: e.target.checked })} />
                </td>
                <td>
                  <ReferenceSelect value={c.references} targets={targets} onChange={(references) => setColumn(c.key, { references })} />
                </td>
                <td>
                  <button type="button" className="icon-button" aria-label={`Remove column ${c.name}`} onClick={() => setDraft({ ...draft, columns: draft.columns.filter((x) => x.key !== c.key) })}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="ui-button ui-button--small" onClick={() => setDraft({ ...draft, columns: [...draft.columns, draftColumn()] })} data-testid="add-create-column">
          + Column
        </button>
        <fieldset className="tb-create__options">
          <legend>Access</legend>
          <label className="tb-check">
            <input type="checkbox" checked={draft.enableRls} onChange={(e) => setDraft({ ...draft, enableRls: e.target.checked })} /> Enable row-level security
            <span className="tb-hint"> — apps see no rows until you add policies (recommended)</span>
          </label>
          <label className="tb-check">
            <input type="checkbox" checked={draft.grantAnon} onChange={(e) => setDraft({ ...draft, grantAnon: e.target.checked })} /> Grant SELECT, INSERT, UPDATE, DELETE to <code>anon</code>
          </label>
          <label className="tb-check">
            <input type="checkbox" checked={draft.grantAuthenticated} onChange={(e) => setDraft({ ...draft, grantAuthenticated: e.target.checked })} /> Grant them to <code>authenticated</code>
          </label>
          <label className="tb-check">
            <input type="checkbox" checked={draft.enableRealtime} onChange={(e) => setDraft({ ...draft, enableRealtime: e.target.checked })} /> Enable realtime
            <span className="tb-hint"> — then through the realtime admin API</span>
          </label>
          {!draft.grantAnon && !draft.grantAuthenticated && <p className="tb-warn">Without grants the API answers 403 to every app request on this table.</p>}
          {draft.enableRls === false && (draft.grantAnon || draft.grantAuthenticated) && <p className="tb-warn">RLS off with grants: any app user can read and change every row.</p>}
        </fieldset>
        <section className="tb-create__sql">
          <h3>SQL</h3>
          {sql ? <pre className="tb-sql" data-testid="create-table-sql">{sql}</pre> : <p className="tb-hint">{blocking.length ? blocking.join(' ') : 'Preparing…'}</p>}
          {problems.length > blocking.length && <p className="tb-warn">{problems.find((p) => p.startsWith('No primary key'))}</p>}
          {previewError !== null && <ErrorNote error={previewError} compact />}
          {runError !== null && <ErrorNote error={runError} title="PostgreSQL refused" />}
        </section>
      </div>
    </Modal>
  )
}

function ReferenceSelect({ value, targets, onChange }: { value: string; targets: string[]; onChange: (v: string) => void }): ReactElement {
  const [table, column] = value ? [value.split('.').slice(0, 2).join('.'), value.split('.')[2] ?? 'id'] : ['', 'id']
  return (
    <span className="tb-create__ref">
      <select className="ui-select" aria-label="Referenced table" value={table} onChange={(e) => onChange(e.target.value ? `${e.target.value}.${column || 'id'}` : '')}>
        <option value="">—</option>
        {targets.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      {table && <input className="ui-input tb-input--narrow" aria-label="Referenced column" value={column} onChange={(e) => onChange(`${table}.${e.target.value}`)} />}
    </span>
  )
}
