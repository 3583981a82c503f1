// features/rls/RlsView.tsx — the RLS simulator: who the studio acts as (and what the database sees), a table,
// and five ways to look at it — explain rows, dry-run writes, compare identities, try policy changes, advice.
// Other features open it on a table with navigate('rls', { schema, table, tab? }).
import { Badge, TabPanel, Tabs } from '../../components/ui'
import { useEffect, useState, type ReactElement } from 'react'
import { listTables } from '../../api/rls-api'
import { useStudioStore } from '../../store'
import type { RlsTab } from '../../store/rls-slice'
import { AdvisorPanel } from './advisor/AdvisorPanel'
import { TablePicker, rlsBadge } from './common/TablePicker'
import { Notice } from './common/Notice'
import { useRequest } from './common/use-request'
import { ComparePanel } from './compare/ComparePanel'
import { DryRunPanel } from './dry-run/DryRunPanel'
import { GuideExampleCard } from './example/GuideExampleCard'
import { ExplainPanel } from './explain/ExplainPanel'
import { DatabaseViewPanel } from './identity/DatabaseViewPanel'
import { IdentityBanner } from './identity/IdentityBanner'
import { PolicyEditor } from './policies/PolicyEditor'
import { TableOverview } from './TableOverview'
import { WhatIfBanner } from './WhatIfBanner'
// The simulator's layout: loaded with this lazy chunk, not at start.
import '../../styles/rls.css'

const TABS: Array<{ id: RlsTab; label: string; needsTable: boolean }> = [
  { id: 'explain', label: 'Explain rows', needsTable: true },
  { id: 'dry-run', label: 'Dry-run a write', needsTable: true },
  { id: 'compare', label: 'Compare identities', needsTable: true },
  { id: 'policies', label: 'Edit policies (what-if)', needsTable: true },
  { id: 'advisor', label: 'Advisor', needsTable: false },
]

const TAB_IDS = new Set<string>(TABS.map((t) => t.id))

export function RlsView(): ReactElement {
  const params = useStudioStore((s) => s.viewParams)
  const table = useStudioStore((s) => s.rlsTable)
  const tab = useStudioStore((s) => s.rlsTab)
  const setTab = useStudioStore((s) => s.setRlsTab)
  const openTable = useStudioStore((s) => s.openRlsTable)
  const revision = useStudioStore((s) => s.rlsRevision)
  const bump = useStudioStore((s) => s.bumpRlsRevision)
  const tables = useRequest(`tables:${revision}`, listTables)
  const [dbView, setDbView] = useState(false)

  // Opened by another feature on a table (e.g. the silent-filter hint).
  useEffect(() => {
    if (params.schema && params.table) openTable({ schema: params.schema, table: params.table }, TAB_IDS.has(params.tab) ? (params.tab as RlsTab) : undefined)
  }, [params, openTable])

  const list = tables.data ?? []
  const guideLoaded = list.some((t) => t.schema === 'guide_own' && t.name === 'posts')
  const summary = table && list.find((t) => t.schema === table.schema && t.name === table.table)
  const active = TABS.find((t) => t.id === tab) ?? TABS[0]

  return (
    <div className="rls-page">
      <header className="rls-head">
        <div className="rls-head__title">
          <h1>Row-level security</h1>
          <p>See any table as any user, and why each row is visible or hidden.</p>
        </div>
        <div className="rls-head__table">
          <TablePicker tables={list} value={table} onChange={(t) => openTable(t)} />
          {summary && <Badge tone={summary.kind === 'table' && !summary.rls_enabled ? 'danger' : 'neutral'}>{rlsBadge(summary)}</Badge>}
        </div>
      </header>
      <IdentityBanner detailsOpen={dbView} onToggleDetails={() => setDbView(!dbView)} />
      {dbView && <DatabaseViewPanel />}
      {tables.error && <Notice tone="error" title="Could not list the tables">{tables.error}</Notice>}
      {tables.data && <GuideExampleCard loaded={guideLoaded} compact={!!table} onLoaded={bump} />}
      <Tabs label="Simulator views" value={active.id} onValueChange={(v) => setTab(v as RlsTab)} tabs={TABS.map((t) => ({ value: t.id, label: t.label, testId: `rls-tab-${t.id}` }))}>
        {TABS.map((t) => (
          <TabPanel key={t.id} value={t.id} className="rls-body">
            <WhatIfBanner />
            {active.needsTable && !table ? (
              tables.data && <TableOverview tables={list} />
            ) : active.id === 'advisor' ? (
              <AdvisorPanel />
            ) : active.id === 'dry-run' ? (
              <DryRunPanel table={table!} />
            ) : active.id === 'compare' ? (
              <ComparePanel table={table!} guideLoaded={guideLoaded} />
            ) : active.id === 'policies' ? (
              <PolicyEditor table={table!} />
            ) : (
              <ExplainPanel table={table!} />
            )}
          </TabPanel>
        ))}
      </Tabs>
    </div>
  )
}
