// features/realtime/changes/DecisionList.tsx — one line per subscription that matched the change: received, filtered
// out (by which filter), refused by RLS (with a link to the simulator's explanation for that identity), or dropped.
import { Badge } from '../../../components/ui'
import { useState, type ReactElement } from 'react'
import type { InspectorChange, InspectorDecision } from '../../../../../contract/studio-realtime'
import { OutcomeBadge } from '../Badges'
import { shortId } from '../format'
import { explainInRls } from './explain-in-rls'

const ORDER = { refused_rls: 0, dropped_slow: 1, filtered_out: 2, delivered: 3 } as const

function detail(d: InspectorDecision): string {
  switch (d.outcome) {
    case 'filtered_out':
      return `its filter ${d.reason ?? d.filter ?? ''} does not match this row`
    case 'refused_rls':
      return 'this identity may not SELECT the row'
    case 'dropped_slow':
      return 'the connection stopped reading and was cut off'
    case 'delivered':
      return d.frame === false ? 'in the same frame as another subscription of this connection' : ''
  }
}

function WhyButton({ change, decision }: { change: InspectorChange; decision: InspectorDecision }): ReactElement {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const go = () => {
    setBusy(true)
    setError(null)
    explainInRls(change, decision.identity).catch((err: unknown) => {
      setBusy(false)
      setError(`Could not open the explanation: ${err instanceof Error ? err.message : String(err)}`)
    })
  }
  return (
    <>
      <button type="button" className="ui-button ui-button--small" onClick={go} disabled={busy} data-testid="rt-explain-rls" title={`Acts as ${decision.identity.label} and opens the RLS simulator on ${change.schema}.${change.table}`}>
        {busy ? 'Opening…' : 'Why? Explain in RLS simulator'}
      </button>
      {change.type === 'DELETE' && <span className="rt-decision__hint">The row is gone; the simulator shows the policies this identity meets.</span>}
      {error && (
        <span className="ui-error" role="alert">
          {error}
        </span>
      )}
    </>
  )
}

export function DecisionList({ change, decisions }: { change: InspectorChange; decisions: InspectorDecision[] }): ReactElement {
  if (!decisions.length) return <p className="rt-detail__muted">No decision yet.</p>
  const sorted = [...decisions].sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome])
  return (
    <ul className="rt-decisions" data-testid="rt-decisions">
      {sorted.map((d) => (
        <li key={d.subscription_id} className="rt-decision" data-outcome={d.outcome} data-identity={d.identity.label}>
          <div className="rt-decision__main">
            <OutcomeBadge outcome={d.outcome} />
            <span className="rt-decision__who">{d.identity.label}</span>
            <Badge>{d.identity.role}</Badge>
            {detail(d) && <span className="rt-decision__why">{detail(d)}</span>}
          </div>
          <div className="rt-decision__meta">
            {d.channel && <span>channel {d.channel}</span>}
            {d.filter && <span>filter {d.filter}</span>}
            <span>
              {d.transport === 'ws' ? 'WebSocket' : 'SSE'} {shortId(d.connection_id)}
            </span>
          </div>
          {d.outcome === 'refused_rls' && (
            <div className="rt-decision__actions">
              <WhyButton change={change} decision={d} />
            </div>
          )}
        </li>
      ))}
    </ul>
  )
}
