// features/tables/TableWorkspace.tsx — one open table: its name and state (RLS, realtime), Back after following
// foreign keys, and the Data / Structure tabs. Loads the table's structure (cached per table, checked again on open).
import { ArrowLeft } from 'lucide-react'
import { useEffect, type ReactElement } from 'react'
import { Badge, Button, SkeletonRows, TabPanel, Tabs } from '../../components/ui'
import { studioStore, useStudioStore } from '../../store'
import { tableKey } from '../../store/tables-slice'
import { DataTab } from './data/DataTab'
import { RlsBadge } from './list/RlsBadge'
import { StructureTab } from './structure/StructureTab'
import { ErrorNote } from './ui/ErrorNote'

export function TableWorkspace({ schema, table, tab }: { schema: string; table: string; tab: 'data' | 'structure' }): ReactElement {
  const key = tableKey(schema, table)
  const structure = useStudioStore((s) => s.structures[key])
  const error = useStudioStore((s) => s.structureErrors[key])
  const loadStructure = useStudioStore((s) => s.loadStructure)
  const navigate = useStudioStore((s) => s.navigate)
  const trail = useStudioStore((s) => s.tableTrail)
  const goBack = useStudioStore((s) => s.goBackInTrail)
  const online = useStudioStore((s) => s.phase === 'online')

  const setLastTable = useStudioStore((s) => s.setLastTable)
  useEffect(() => setLastTable(schema, table), [schema, table, setLastTable])

  // A cached structure shows at once and is checked again: a policy applied or a column added elsewhere (the RLS
  // view, the SQL console) must not leave the header saying what the table was.
  useEffect(() => {
    if (!online) return
    const cached = studioStore.getState().structures[key]
    void loadStructure(schema, table, cached !== undefined)
  }, [schema, table, key, online, loadStructure])

  const back = trail[trail.length - 1]
  return (
    <section className="tb-workspace" aria-label={`${schema}.${table}`}>
      {/* The name and state sit on the tab bar's line, left of the tabs (as before the kit). */}
      <Tabs
        aside={
          <header className="tb-workspace__head">
            {back && (
              <Button size="sm" variant="ghost" icon={ArrowLeft} onClick={goBack} title="Back to the table you came from" data-testid="fk-back">
                {back.table}
              </Button>
            )}
            <h1 className="tb-workspace__title">
              <span className="tb-workspace__schema">{schema}.</span>
              {table}
            </h1>
            {structure && structure.kind === 'table' && <RlsBadge enabled={structure.rls.enabled} policies={structure.policies.length} exposed={structure.grants.some((g) => g.role !== 'service_role' && g.privileges.includes('SELECT'))} />}
            {structure?.realtimeEnabled && (
              <Badge tone="ok" title="Changes are delivered to realtime subscribers">
                realtime
              </Badge>
            )}
          </header>
        }
        className="tb-workspace__tabs"
        label="Table views"
        tabs={[
          { value: 'data', label: 'Data' },
          { value: 'structure', label: 'Structure' },
        ]}
        value={tab}
        onValueChange={(next) => navigate('tables', { schema, table, tab: next === 'structure' ? 'structure' : 'data' })}
      >
        {error && !structure && <ErrorNote error={new Error(error)} title={`Could not describe ${schema}.${table}`} onRetry={() => void loadStructure(schema, table, true)} />}
        {!structure && !error && <SkeletonRows rows={6} label={`Loading ${table}…`} />}
        {structure && (
          <>
            <TabPanel value="data" className="tb-workspace__panel">
              <DataTab key={key} structure={structure} />
            </TabPanel>
            <TabPanel value="structure" className="tb-workspace__panel">
              <StructureTab structure={structure} />
            </TabPanel>
          </>
        )}
      </Tabs>
    </section>
  )
}
