// features/realtime/tables/TablesPanel.tsx — which tables deliver realtime events: one switch per table (the admin
// API's logic: REPLICA IDENTITY FULL and the registry row), the events it delivers, RLS, and what old rows carry.
import { Badge, EmptyState, InlineError } from '../../../components/ui'
import { useState, type ReactElement } from 'react'
import type { RealtimeTableInfo } from '../../../../../contract/studio-realtime'
import { useRealtimeSwitch, useRealtimeTables } from './use-realtime-tables'

const OLD_ROWS: Record<RealtimeTableInfo['replica_identity'], string> = { full: 'the whole old row', default: 'the primary key only', index: 'the index columns only', nothing: 'nothing' }

function TableRow({ info }: { info: RealtimeTableInfo }): ReactElement {
  const toggle = useRealtimeSwitch(info.schema, info.table)
  const name = `${info.schema}.${info.table}`
  return (
    <tr data-testid="rt-table-row" data-table={name}>
      <th scope="row">{name}</th>
      <td>
        <label className="rt-switch">
          <input type="checkbox" role="switch" checked={info.realtime_enabled} disabled={toggle.busy} onChange={(e) => toggle.set(e.target.checked)} aria-label={`Realtime for ${name}`} />
          <span className="rt-switch__track" aria-hidden />
          <span className="rt-switch__text">{toggle.busy ? 'Saving…' : info.realtime_enabled ? 'On' : 'Off'}</span>
        </label>
        {toggle.error && (
          <div className="ui-error" role="alert">
            {toggle.error}
          </div>
        )}
      </td>
      <td>{info.realtime_enabled ? info.events.join(', ') : '—'}</td>
      <td>{info.rls_enabled ? <Badge tone="ok">RLS on</Badge> : <Badge tone="warn">RLS off</Badge>}</td>
      <td className="rt-tables__ident">{OLD_ROWS[info.replica_identity]}</td>
    </tr>
  )
}

export function TablesPanel(): ReactElement {
  const { tables, error, loading, reload } = useRealtimeTables()
  const [search, setSearch] = useState('')
  const shown = (tables ?? []).filter((t) => `${t.schema}.${t.table}`.toLowerCase().includes(search.trim().toLowerCase()))
  const on = (tables ?? []).filter((t) => t.realtime_enabled).length
  return (
    <div className="rt-panel rt-tables" data-testid="rt-tables">
      <div className="rt-panel__bar">
        <p className="rt-panel__lead">
          Changes of every table appear in the stream; only tables switched on here are delivered to clients. Turning one on also sets REPLICA IDENTITY FULL, so
          updates and deletes carry the whole old row.
        </p>
        <input className="ui-input" type="search" placeholder="Find a table…" aria-label="Find a table" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="button" className="ui-button ui-button--small" onClick={reload} disabled={loading}>
          {loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      {error && (
        <InlineError message={<>{error}</>} />
      )}
      {tables && tables.length === 0 && <EmptyState size="compact" title={<>No tables yet. Create one (Tables or the SQL console) and switch realtime on here.</>} />}
      {tables && tables.length > 0 && (
        <>
          <p className="rt-panel__count">
            {on} of {tables.length} tables deliver realtime events
          </p>
          <table className="rt-grid">
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">Realtime</th>
                <th scope="col">Events</th>
                <th scope="col">Row-level security</th>
                <th scope="col">Old rows carry</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((t) => (
                <TableRow key={`${t.schema}.${t.table}`} info={t} />
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <EmptyState size="compact" title={<>No table matches “{search}”.</>} />}
        </>
      )}
    </div>
  )
}
