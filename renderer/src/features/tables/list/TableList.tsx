// features/tables/list/TableList.tsx — the left pane of the table browser: every schema's tables and views, a
// search box, each table's estimated rows and RLS badge. Clicking opens the table; system schemas start folded.
import { useEffect, useMemo, useState, type ReactElement } from 'react'
import { PanelLeftClose, PanelLeftOpen, Plus, RotateCw } from 'lucide-react'
import type { TableSummary } from '../../../../../contract/table-meta'
import { Button, IconButton } from '../../../components/ui'
import { useStudioStore } from '../../../store'
import { ErrorNote } from '../ui/ErrorNote'
import { formatCompact, formatCount, toCount } from '../ui/format'
import { RlsBadge } from './RlsBadge'

const FOLDED_BY_DEFAULT = new Set(['auth', 'storage', 'realtime', 'logging', 'dashboard', 'functions', 'jobs', 'app', 'rpc', 'branching', 'migrations', 'ai', 'mcp'])

function groupBySchema(tables: TableSummary[]): Array<[string, TableSummary[]]> {
  const groups = new Map<string, TableSummary[]>()
  for (const t of tables) groups.set(t.schema, [...(groups.get(t.schema) ?? []), t])
  return [...groups]
}

/** The list, or (collapsed, to give the grid the width on a small window) a rail with the button that opens it. */
export function TableList({ collapsed = false, onCollapsedChange }: { collapsed?: boolean; onCollapsedChange?: (collapsed: boolean) => void }): ReactElement {
  const tableList = useStudioStore((s) => s.tableList)
  const error = useStudioStore((s) => s.tableListError)
  const loading = useStudioStore((s) => s.tableListLoading)
  const search = useStudioStore((s) => s.tableSearch)
  const setSearch = useStudioStore((s) => s.setTableSearch)
  const loadTableList = useStudioStore((s) => s.loadTableList)
  const openTable = useStudioStore((s) => s.openTable)
  const setCreateTableOpen = useStudioStore((s) => s.setCreateTableOpen)
  const currentSchema = useStudioStore((s) => s.viewParams.schema ?? s.lastTable?.schema)
  const currentTable = useStudioStore((s) => s.viewParams.table ?? s.lastTable?.table)
  const online = useStudioStore((s) => s.phase === 'online')
  const [folded, setFolded] = useState<Record<string, boolean>>({})

  useEffect(() => {
    if (online && tableList === null) void loadTableList()
  }, [online, tableList, loadTableList])

  const groups = useMemo(() => {
    const q = search.trim().toLowerCase()
    const matching = (tableList ?? []).filter((t) => !q || `${t.schema}.${t.name}`.toLowerCase().includes(q) || (t.comment ?? '').toLowerCase().includes(q))
    return groupBySchema(matching)
  }, [tableList, search])

  if (collapsed)
    return (
      <aside className="tb-list tb-list--collapsed" aria-label="Tables">
        <IconButton label="Show the table list" icon={PanelLeftOpen} aria-expanded={false} onClick={() => onCollapsedChange?.(false)} data-testid="table-list-toggle" />
      </aside>
    )
  return (
    <aside className="tb-list" aria-label="Tables">
      <div className="tb-list__head">
        <h2 className="tb-list__title">Tables</h2>
        <IconButton label="Refresh tables" title="Refresh the table list" icon={RotateCw} size="sm" onClick={() => void loadTableList()} disabled={loading} />
        <Button size="sm" variant="primary" icon={Plus} onClick={() => setCreateTableOpen(true)} data-testid="new-table">
          New table
        </Button>
        {onCollapsedChange && <IconButton label="Hide the table list" icon={PanelLeftClose} size="sm" aria-expanded onClick={() => onCollapsedChange(true)} data-testid="table-list-toggle" />}
      </div>
      <input
        className="ui-input tb-list__search"
        type="search"
        placeholder="Search tables…"
        aria-label="Search tables"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && groups.length && groups[0][1].length) {
            const t = groups[0][1][0]
            openTable(t.schema, t.name)
          }
        }}
      />
      <div className="tb-list__scroll">
        {error && <ErrorNote error={new Error(error)} title="Could not list tables" onRetry={() => void loadTableList()} compact />}
        {tableList === null && !error && <p className="tb-list__empty">{online ? 'Loading tables…' : 'Waiting for the runtime…'}</p>}
        {tableList !== null && groups.length === 0 && (
          <p className="tb-list__empty">{search ? `No table matches “${search}”.` : 'No tables yet. Create one to get started.'}</p>
        )}
        {groups.map(([schema, tables]) => {
          const isFolded = !search && (folded[schema] ?? (FOLDED_BY_DEFAULT.has(schema) && schema !== currentSchema))
          return (
            <section key={schema} className="tb-list__group">
              <button type="button" className="tb-list__schema" aria-expanded={!isFolded} onClick={() => setFolded({ ...folded, [schema]: !isFolded })}>
                <span className="tb-list__chevron" aria-hidden="true">
                  {isFolded ? '▸' : '▾'}
                </span>
                {schema}
                <span className="tb-list__n">{tables.length}</span>
              </button>
              {!isFolded && (
                <ul className="tb-list__items">
                  {tables.map((t) => {
                    const rows = toCount(t.estimated_rows)
                    const active = currentSchema === t.schema && currentTable === t.name
                    return (
                      <li key={t.name}>
                        <button
                          type="button"
                          className={`tb-list__item${active ? ' tb-list__item--active' : ''}`}
                          aria-current={active ? 'true' : undefined}
                          data-table={`${t.schema}.${t.name}`}
                          title={t.comment ?? `${t.schema}.${t.name}`}
                          onClick={() => openTable(t.schema, t.name)}
                        >
                          <span className="tb-list__name">
                            {t.kind !== 'table' && <span className="tb-list__kind">{t.kind === 'view' ? 'view' : t.kind === 'materialized_view' ? 'mview' : 'foreign'}</span>}
                            {t.name}
                          </span>
                          <span className="tb-list__meta">
                            <span className="tb-list__rows tabular" title={rows === null ? 'Not analysed yet: no estimate' : `About ${formatCount(rows)} rows (planner estimate)`}>
                              {rows === null ? '—' : `~${formatCompact(rows)}`}
                            </span>
                            {t.kind === 'table' && <RlsBadge enabled={t.rls_enabled} policies={t.policy_count} exposed={t.anon_can_select || t.authenticated_can_select} />}
                          </span>
                        </button>
                      </li>
                    )
                  })}
                </ul>
              )}
            </section>
          )
        })}
      </div>
    </aside>
  )
}
