// features/tables/structure/StructureTab.tsx — a table as the catalogs describe it: columns (type, default,
// nullability, keys; add and drop), constraints, foreign keys both ways, indexes, triggers, RLS policies, grants to
// the API roles, and realtime on/off. Every section reads one catalog template of the structure endpoint.
import { useState, type ReactElement, type ReactNode } from 'react'
import type { TableStructure } from '../../../../../contract/table-meta'
import { Count, Panel } from '../../../components/ui'
import { useStudioStore } from '../../../store'
import { RlsBadge } from '../list/RlsBadge'
import { formatBytes, formatCount, toCount } from '../ui/format'
import { AddColumnForm } from './AddColumnForm'
import { DropColumnDialog } from './DropColumnDialog'
import { RealtimeToggle } from './RealtimeToggle'

function Section({ title, count, children, actions }: { title: string; count?: number; children: ReactNode; actions?: ReactNode }): ReactElement {
  return (
    <Panel
      level={3}
      className="tb-section"
      title={
        <>
          {title}
          {count !== undefined && <Count value={count} />}
        </>
      }
      actions={actions}
    >
      {children}
    </Panel>
  )
}

const PRIVS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']

export function StructureTab({ structure }: { structure: TableStructure }): ReactElement {
  const loadStructure = useStudioStore((s) => s.loadStructure)
  const loadTableList = useStudioStore((s) => s.loadTableList)
  const openTable = useStudioStore((s) => s.openTable)
  const navigate = useStudioStore((s) => s.navigate)
  const [adding, setAdding] = useState(false)
  const [dropping, setDropping] = useState<string | null>(null)
  const { schema, name } = structure
  const refresh = (): void => {
    void loadStructure(schema, name, true)
    void loadTableList()
  }
  const isTable = structure.kind === 'table'
  const rows = toCount(structure.rls.estimated_rows)
  const fkOut = new Map(structure.foreignKeys.flatMap((fk) => fk.from_columns.map((c) => [c, fk] as const)))

  return (
    <div className="tb-structure" data-testid="structure-tab">
      <div className="tb-structure__summary">
        <span className="ui-tag">{structure.kind.replace('_', ' ')}</span>
        <span>{rows === null ? 'not analysed yet' : `≈ ${formatCount(rows)} rows`}</span>
        {isTable && <RlsBadge enabled={structure.rls.enabled} policies={structure.policies.length} />}
        {structure.rls.forced && <span className="ui-tag" title="RLS applies to the table owner too">forced</span>}
        {isTable && <RealtimeToggle schema={schema} table={name} enabled={structure.realtimeEnabled} onChanged={refresh} />}
        <span className="tb-spacer" />
        <button type="button" className="ui-button ui-button--small" onClick={() => navigate('rls', { schema, table: name })} title="See which rows each identity can read and write">
          Open in RLS simulator
        </button>
      </div>

      <Section
        title="Columns"
        count={structure.columns.length}
        actions={
          isTable && !adding ? (
            <button type="button" className="ui-button ui-button--small" onClick={() => setAdding(true)} data-testid="add-column">
              + Add column
            </button>
          ) : undefined
        }
      >
        <table className="ui-table tb-meta">
          <thead>
            <tr>
              <th>#</th>
              <th>Name</th>
              <th>Type</th>
              <th>Nullable</th>
              <th>Default</th>
              <th>Keys</th>
              <th>Comment</th>
              {isTable && <th />}
            </tr>
          </thead>
          <tbody>
            {structure.columns.map((c) => {
              const fk = fkOut.get(c.name)
              return (
                <tr key={c.name}>
                  <td className="tb-meta__faint">{c.position}</td>
                  <td className="tb-meta__name">{c.name}</td>
                  <td>
                    <code>{c.type}</code>
                  </td>
                  <td>{c.nullable ? 'yes' : <b>NOT NULL</b>}</td>
                  <td>
                    {c.identity ? <code>identity ({c.identity})</code> : c.generated ? <code>generated: {c.generated}</code> : c.default_value ? <code>{c.default_value}</code> : <span className="tb-meta__faint">—</span>}
                  </td>
                  <td className="tb-meta__keys">
                    {c.primary_key && <span className="ui-tag ui-tag--accent">PK</span>}
                    {fk && (
                      <button type="button" className="tb-link" onClick={() => openTable(fk.to_schema, fk.to_table)} title={`Foreign key ${fk.name}`}>
                        → {fk.to_schema === 'public' ? '' : `${fk.to_schema}.`}
                        {fk.to_table}.{fk.to_columns[fk.from_columns.indexOf(c.name)]}
                      </button>
                    )}
                  </td>
                  <td className="tb-meta__faint">{c.comment}</td>
                  {isTable && (
                    <td>
                      <button type="button" className="ui-button ui-button--small ui-button--ghost tb-btn--drop" aria-label={`Drop column ${c.name}`} title={`Drop column ${c.name}…`} onClick={() => setDropping(c.name)}>
                        Drop
                      </button>
                    </td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
        {adding && (
          <AddColumnForm
            schema={schema}
            table={name}
            onCancel={() => setAdding(false)}
            onDone={() => {
              setAdding(false)
              refresh()
            }}
          />
        )}
      </Section>

      <Section title="Constraints" count={structure.constraints.filter((c) => c.type !== 'not_null').length}>
        <table className="ui-table tb-meta">
          <tbody>
            {structure.constraints
              .filter((c) => c.type !== 'not_null')
              .map((c) => (
                <tr key={c.name}>
                  <td className="tb-meta__name">{c.name}</td>
                  <td>
                    <span className="ui-tag">{c.type.replace('_', ' ')}</span>
                  </td>
                  <td>
                    <code>{c.definition}</code>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </Section>

      <Section title="Referenced by" count={structure.referencedBy.length}>
        {structure.referencedBy.length === 0 ? (
          <p className="tb-hint">No foreign key points at this table.</p>
        ) : (
          <ul className="tb-refs">
            {structure.referencedBy.map((fk) => (
              <li key={fk.name} className="tb-refs__item">
                <button type="button" className="tb-link" onClick={() => openTable(fk.from_schema, fk.from_table)}>
                  {fk.from_schema}.{fk.from_table} ({fk.from_columns.join(', ')})
                </button>
                <span className="tb-meta__faint">→ {fk.to_columns.join(', ')} · {fk.name}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Indexes" count={structure.indexes.length}>
        <table className="ui-table tb-meta">
          <tbody>
            {structure.indexes.map((i) => (
              <tr key={i.name}>
                <td className="tb-meta__name">{i.name}</td>
                <td>{i.primary ? <span className="ui-tag ui-tag--accent">primary</span> : i.unique ? <span className="ui-tag">unique</span> : null}</td>
                <td>
                  <code>{i.definition}</code>
                </td>
                <td className="tb-meta__faint tabular">{formatBytes(i.size_bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section title="Triggers" count={structure.triggers.length}>
        {structure.triggers.length === 0 ? (
          <p className="tb-hint">No triggers.</p>
        ) : (
          <table className="ui-table tb-meta">
            <tbody>
              {structure.triggers.map((t) => (
                <tr key={t.name}>
                  <td className="tb-meta__name">{t.name}</td>
                  <td>{t.enabled ? <span className="ui-tag ui-tag--ok">enabled</span> : <span className="ui-tag">disabled</span>}</td>
                  <td>
                    <code>{t.definition}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Policies" count={structure.policies.length}>
        {!structure.rls.enabled && isTable && <p className="tb-warn">Row-level security is off: these policies are not applied.</p>}
        {structure.policies.length === 0 ? (
          <p className="tb-hint">{structure.rls.enabled ? 'RLS is on and no policy exists: anon and authenticated see no rows.' : 'No policies.'}</p>
        ) : (
          <table className="ui-table tb-meta">
            <thead>
              <tr>
                <th>Name</th>
                <th>Command</th>
                <th>Roles</th>
                <th>USING</th>
                <th>WITH CHECK</th>
              </tr>
            </thead>
            <tbody>
              {structure.policies.map((p) => (
                <tr key={p.name}>
                  <td className="tb-meta__name">
                    {p.name}
                    {p.kind === 'restrictive' && <span className="ui-tag ui-tag--warn">restrictive</span>}
                  </td>
                  <td>{p.command}</td>
                  <td>{p.roles.join(', ')}</td>
                  <td>{p.using_expression ? <code>{p.using_expression}</code> : <span className="tb-meta__faint">—</span>}</td>
                  <td>{p.check_expression ? <code>{p.check_expression}</code> : <span className="tb-meta__faint">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Grants to the API roles">
        <table className="ui-table tb-meta tb-meta--grants">
          <thead>
            <tr>
              <th>Role</th>
              {PRIVS.map((p) => (
                <th key={p}>{p}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {structure.grants.map((g) => (
              <tr key={g.role}>
                <td className="tb-meta__name">{g.role}</td>
                {PRIVS.map((p) => (
                  <td key={p} className={g.privileges.includes(p) ? 'tb-grant tb-grant--yes' : 'tb-grant'}>
                    {g.privileges.includes(p) ? '✓' : '·'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="tb-hint">Without SELECT, an app’s read of this table is a 403 whatever the policies say.</p>
      </Section>

      {dropping && (
        <DropColumnDialog
          schema={schema}
          table={name}
          column={dropping}
          onClose={() => setDropping(null)}
          onDone={() => {
            setDropping(null)
            refresh()
          }}
        />
      )}
    </div>
  )
}
