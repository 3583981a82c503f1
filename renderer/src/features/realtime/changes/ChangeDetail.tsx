// features/realtime/changes/ChangeDetail.tsx — one change in full: when and where, what realtime did with it (who
// received it, who was filtered out, who RLS refused — with a way to see why), and its old and new rows side by side.
import { CodeBlock } from '../../../components/ui'
import type { ReactElement } from 'react'
import type { InspectorChange } from '../../../../../contract/studio-realtime'
import { useStudioStore } from '../../../store'
import { TypeBadge } from '../Badges'
import { deliveryExplanation } from '../delivery-text'
import { EnableRealtimeButton } from '../tables/EnableRealtimeButton'
import { DecisionList } from './DecisionList'
import { RowCompare } from './RowCompare'

export function ChangeDetail({ change }: { change: InspectorChange }): ReactElement {
  const decisions = useStudioStore((s) => s.rtBuffer.decisions.get(change.id))
  const select = useStudioStore((s) => s.selectRtChange)
  const explanation = deliveryExplanation(change)
  const pending = change.delivery === 'live' && change.decisions_recorded ? change.listening - (decisions?.length ?? 0) : 0

  return (
    <aside className="rt-detail" aria-label="Change detail" data-testid="rt-change-detail">
      <header className="rt-detail__head">
        <TypeBadge type={change.type} />
        <h2>{change.table ? `${change.schema}.${change.table}` : 'Schema change'}</h2>
        <button type="button" className="ui-button ui-button--ghost ui-button--small rt-detail__close" onClick={() => select(null)} aria-label="Close the detail">
          ✕
        </button>
      </header>
      <dl className="rt-detail__facts">
        <div>
          <dt>Committed</dt>
          <dd className="tabular">{change.commit_timestamp.replace('T', ' ').replace('Z', ' UTC')}</dd>
        </div>
        <div>
          <dt>Transaction</dt>
          <dd className="tabular">xid {change.xid}</dd>
        </div>
        <div>
          <dt>WAL position</dt>
          <dd className="tabular">{change.lsn}</dd>
        </div>
      </dl>

      <section className="rt-detail__section">
        <h3>Delivery</h3>
        {explanation && (
          <div className={`rt-callout${change.delivery === 'live' ? '' : ' rt-callout--off'}`} data-testid="rt-delivery-explanation">
            <p>{explanation}</p>
            {change.delivery === 'realtime_off' && <EnableRealtimeButton schema={change.schema} table={change.table} />}
            {change.delivery === 'event_off' && <EnableRealtimeButton schema={change.schema} table={change.table} allEvents />}
          </div>
        )}
        {!explanation && (
          <>
            <p className="rt-detail__lead">
              {change.listening === 1 ? '1 subscription' : `${change.listening} subscriptions`} listened to {change.type} on this table.
              {pending > 0 && ` Checking access for ${pending}…`}
            </p>
            <DecisionList change={change} decisions={decisions ?? []} />
          </>
        )}
      </section>

      <section className="rt-detail__section">
        <h3>{change.type === 'UPDATE' ? 'Old row → new row' : change.type === 'DELETE' ? 'Deleted row' : change.type === 'DDL' ? 'Statement' : 'New row'}</h3>
        {change.type === 'DDL' ? <CodeBlock code={String(change.record?.command ?? '')} language="SQL" title="DDL" /> : <RowCompare change={change} />}
      </section>
    </aside>
  )
}
