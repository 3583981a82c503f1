// features/functions/FunctionDetail.tsx — one function: where its file is, its state (a load error with its message
// and file:line), the annotations it declares, its last calls, and the invoke panel.
import type { ReactElement } from 'react'
import { Badge, CodeBlock, DataTable, InlineError, KeyValue, Panel } from '../../components/ui'
import type { ComputeInfo } from '../../api/compute-api'
import type { EdgeFunction } from '../../api/functions-api'
import { StateBadge } from './FunctionList'
import { InvokePanel } from './InvokePanel'
import { formatDuration, formatTime } from './invoke-format'

function annotations(fn: EdgeFunction): string[] {
  const out = [`timeout ${fn.timeout_seconds}s`, `memory ${fn.memory_limit_mb} MB`]
  if (fn.allow_unauthenticated) out.push('allow-unauthenticated')
  if (fn.is_public) out.push('public')
  if (fn.disable_execution_logs) out.push('no execution logs')
  if (fn.cors_origins) out.push(`cors ${fn.cors_origins}`)
  if (fn.rate_limit_per_minute) out.push(`${fn.rate_limit_per_minute}/min`)
  if (fn.rate_limit_per_hour) out.push(`${fn.rate_limit_per_hour}/hour`)
  if (fn.rate_limit_per_day) out.push(`${fn.rate_limit_per_day}/day`)
  return out
}

export function FunctionDetail({ fn, compute, onInvoked }: { fn: EdgeFunction; compute: ComputeInfo; onInvoked(): void }): ReactElement {
  return (
    <div className="functions__detail" data-testid="function-detail">
      <Panel title={<span className="compute-mono">{fn.name}</span>} actions={<StateBadge state={fn.state} />}>
        <KeyValue
          items={[
            { key: 'source', label: 'Source', value: fn.source_path, mono: true, copy: fn.source_path },
            { key: 'endpoint', label: 'Endpoint', value: fn.invoke_path, mono: true },
            { key: 'version', label: 'Version', value: `v${fn.version} · ${formatTime(fn.updated_at)}` },
          ]}
        />
        <ul className="functions__annotations" aria-label="Annotations">
          {annotations(fn).map((a) => (
            <li key={a}>
              <Badge>{a}</Badge>
            </li>
          ))}
        </ul>
        {fn.error && (
          <div data-testid="function-error">
            <InlineError title={`Failed to load${fn.error.location ? ` at ${fn.error.location}` : ''}`} message={fn.error.message.split('\n')[0]} />
            {fn.error.message.includes('\n') && <CodeBlock code={fn.error.message} language="text" title="Error" wrap maxHeight={200} />}
          </div>
        )}
      </Panel>
      <Panel title="Last invocations" level={3}>
        <DataTable
          caption={`Last invocations of ${fn.name}`}
          rows={fn.recent_executions}
          rowKey={(e) => e.id}
          data-testid="function-executions"
          empty={<p className="compute-muted">No calls yet: invoke it below, or from your app.</p>}
          columns={[
            { key: 'at', header: 'Time', cell: (e) => <span className="compute-nowrap">{formatTime(e.executed_at)}</span> },
            { key: 'method', header: 'Method', mono: true },
            { key: 'status', header: 'Status', cell: (e) => <Badge tone={e.status === 'success' ? 'ok' : e.status === 'error' ? 'danger' : 'neutral'}>{e.status_code ?? e.status}</Badge> },
            { key: 'role', header: 'Caller', cell: (e) => <span className="compute-nowrap">{e.user_role}</span> },
            { key: 'duration', header: 'Duration', align: 'end', cell: (e) => formatDuration(e.duration_ms) },
          ]}
        />
      </Panel>
      <InvokePanel fn={fn} compute={compute} onInvoked={onInvoked} />
    </div>
  )
}
