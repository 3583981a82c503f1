// features/functions/InvokeResult.tsx — the reply of one invocation: status and duration, the response headers, the
// body (JSON pretty-printed; a thrown error's stack with the function's own file names), and that call's log lines.
import type { ReactElement } from 'react'
import { Badge, CodeBlock, EmptyState, InlineError, KeyValue, Tabs, TabPanel } from '../../components/ui'
import type { ExecutionLogLine, InvokeReply } from '../../api/functions-api'
import { formatDuration, prettyBody } from './invoke-format'

function statusTone(status: number): 'ok' | 'warn' | 'danger' {
  return status < 300 ? 'ok' : status < 500 ? 'warn' : 'danger'
}

function errorStack(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { stack?: unknown; details?: unknown; logs?: unknown }
    for (const v of [parsed.stack, parsed.details, parsed.logs]) if (typeof v === 'string' && v.trim()) return v
  } catch {
    // Not JSON: no stack to show apart from the body itself.
  }
  return null
}

export function InvokeResult({ reply, logs, problem }: { reply: InvokeReply | null; logs: ExecutionLogLine[] | null; problem: string | null }): ReactElement | null {
  if (problem) return <InlineError title="The call did not reach the function" message={problem} />
  if (!reply) return null
  const body = prettyBody(reply.body)
  const stack = reply.status >= 500 ? errorStack(reply.body) : null
  const logText = (logs ?? []).map((l) => `${l.level.padEnd(5)} ${l.message}`).join('\n')
  return (
    <section className="functions__result" aria-label="Reply" data-testid="invoke-result">
      <div className="functions__result-status">
        <Badge tone={statusTone(reply.status)} size="md" dot>
          <span data-testid="invoke-status">{reply.status}</span> {reply.statusText}
        </Badge>
        <span className="compute-muted" data-testid="invoke-duration">
          {formatDuration(reply.durationMs)}
        </span>
        {reply.executionId && <span className="compute-muted compute-mono">execution {reply.executionId}</span>}
      </div>
      {stack && <CodeBlock code={stack} language="text" title="Stack" wrap maxHeight={220} />}
      <Tabs
        label="Reply parts"
        defaultValue="body"
        tabs={[
          { value: 'body', label: 'Body' },
          { value: 'headers', label: 'Headers', count: reply.headers.length },
          { value: 'logs', label: 'Logs', count: logs?.length ?? 0 },
        ]}
      >
        <TabPanel value="body">
          <div data-testid="invoke-body-out">
            {reply.body ? <CodeBlock code={body.text} language={body.json ? 'json' : 'text'} wrap maxHeight={320} /> : <p className="compute-muted">Empty body.</p>}
          </div>
        </TabPanel>
        <TabPanel value="headers">
          <KeyValue items={reply.headers.map(([k, v]) => ({ key: k, label: k, value: v, mono: true }))} />
        </TabPanel>
        <TabPanel value="logs">
          <div data-testid="invoke-logs">
            {logText ? <CodeBlock code={logText} language="log" title="This call's log lines" wrap maxHeight={260} /> : <EmptyState size="compact" title="No log lines">The function wrote nothing with console.* during this call.</EmptyState>}
          </div>
        </TabPanel>
      </Tabs>
    </section>
  )
}
