// features/functions/FunctionList.tsx — every function of the folder with its state (an error names its file:line)
// and its last call; choosing one opens it on the right.
import type { ReactElement } from 'react'
import { Badge, DataTable, EmptyState, Panel, type Tone } from '../../components/ui'
import type { EdgeFunction, FunctionsList } from '../../api/functions-api'
import { formatDuration } from './invoke-format'

const STATE_TONE: Record<EdgeFunction['state'], Tone> = { loaded: 'ok', loading: 'neutral', error: 'danger', disabled: 'warn' }

export function StateBadge({ state }: { state: EdgeFunction['state'] }): ReactElement {
  return (
    <Badge tone={STATE_TONE[state]} size="md" dot>
      {state}
    </Badge>
  )
}

export function FunctionList({ list, selected, onSelect }: { list: FunctionsList; selected: string | null; onSelect(name: string): void }): ReactElement {
  return (
    <Panel title="Functions" hint={list.dir ?? undefined} data-testid="function-list">
      <DataTable
        caption="Edge functions"
        rows={list.functions}
        rowKey={(f) => f.name}
        selectedKey={selected ?? undefined}
        onRowClick={(f) => onSelect(f.name)}
        data-testid="function-rows"
        empty={<EmptyState title="No functions yet" size="compact"><p>Save a file such as hello.ts in {list.dir}; it loads at once.</p></EmptyState>}
        columns={[
          {
            key: 'name',
            header: 'Name',
            cell: (f) => (
              <span className="compute-name" data-testid={`function-${f.name}`}>
                <span className="compute-mono">{f.name}</span>
                {f.error?.location && <span className="compute-problem">{f.error.location}</span>}
              </span>
            ),
          },
          { key: 'state', header: 'State', cell: (f) => <StateBadge state={f.state} /> },
          {
            key: 'last',
            header: 'Last call',
            align: 'end',
            cell: (f) => {
              const last = f.recent_executions[0]
              return last ? <span className="compute-nowrap">{`${last.status_code ?? '…'} · ${formatDuration(last.duration_ms)}`}</span> : '—'
            },
          },
        ]}
      />
    </Panel>
  )
}
