// features/functions/InvokePanel.tsx — calls the function through the real endpoint as the status bar's identity
// (method, query, headers, JSON or text body), then shows the reply (status, headers, pretty body, duration) and
// that call's own log lines, found by the reply's X-Execution-Id. Copy the same call as curl or as an SDK call.
import { useState, type FormEvent, type ReactElement } from 'react'
import { Play } from 'lucide-react'
import { Button, Field, Input, Panel, Segmented, Select, Textarea, Toolbar, ToolbarSpacer, ToolbarText, toast } from '../../components/ui'
import type { ComputeInfo } from '../../api/compute-api'
import { getExecution, invokeFunction, type EdgeFunction, type ExecutionLogLine, type InvokeReply } from '../../api/functions-api'
import { copyText } from '../../api/clipboard'
import { useStudioStore } from '../../store'
import { InvokeResult } from './InvokeResult'
import { curlCommand, parseHeaderLines, sdkCall } from './invoke-format'

const METHODS = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE'].map((m) => ({ value: m, label: m }))
type BodyKind = 'json' | 'text'

export function InvokePanel({ fn, compute, onInvoked }: { fn: EdgeFunction; compute: ComputeInfo; onInvoked(): void }): ReactElement {
  const identity = useStudioStore((s) => s.identity)
  const [method, setMethod] = useState('POST')
  const [query, setQuery] = useState('')
  const [headerText, setHeaderText] = useState('')
  const [bodyKind, setBodyKind] = useState<BodyKind>('json')
  const [body, setBody] = useState('{\n  "name": "Functions"\n}')
  const [busy, setBusy] = useState(false)
  const [reply, setReply] = useState<InvokeReply | null>(null)
  const [logs, setLogs] = useState<ExecutionLogLine[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  const parsed = parseHeaderLines(headerText)
  const bodyProblem = bodyKind === 'json' && method !== 'GET' && body.trim() ? jsonProblem(body) : null
  const sendBody = method === 'GET' || !body.trim() ? null : body

  async function invoke(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (parsed.problem || bodyProblem) return
    setBusy(true)
    setProblem(null)
    setLogs(null)
    try {
      const r = await invokeFunction(compute, { name: fn.name, method, query, headers: parsed.headers, body: sendBody, contentType: bodyKind === 'json' ? 'application/json' : 'text/plain' })
      setReply(r)
      if (r.executionId) {
        const detail = await getExecution(fn.name, r.executionId).catch(() => null)
        setLogs(detail?.entries ?? [])
      }
      onInvoked()
    } catch (err) {
      setProblem((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  async function copy(what: 'curl' | 'sdk'): Promise<void> {
    const url = `${compute.api_url.replace(/\/$/, '')}${compute.endpoints.invoke.replace('{name}', fn.name)}${query.trim() ? `?${query.trim().replace(/^\?/, '')}` : ''}`
    const headers = reply?.sent.headers ?? { ...parsed.headers, apikey: compute.anon_key, Authorization: 'Bearer <access token>' }
    const text = what === 'curl' ? curlCommand(method, reply?.sent.url ?? url, headers, sendBody) : sdkCall(fn.name, method, parsed.headers, sendBody, bodyKind === 'json' && !bodyProblem)
    try {
      await copyText(text)
      toast({ title: what === 'curl' ? 'Copied as curl' : 'Copied as SDK call', tone: 'ok' })
    } catch (err) {
      toast({ title: 'Could not copy', description: (err as Error).message, tone: 'danger' })
    }
  }

  return (
    <Panel title="Invoke" level={3} hint={`Runs through ${compute.endpoints.invoke.replace('{name}', fn.name)} as the identity in the status bar.`} data-testid="invoke-panel">
      <form className="functions__invoke" onSubmit={(e) => void invoke(e)} aria-label={`Invoke ${fn.name}`}>
        <div className="functions__invoke-line">
          <Field label="Method" className="functions__method">
            {(control) => <Select {...control} options={METHODS} value={method} onValueChange={setMethod} />}
          </Field>
          <Field label="Query" hint="e.g. limit=5&debug=1" className="functions__query">
            {(control) => <Input {...control} value={query} onChange={(e) => setQuery(e.target.value)} placeholder="key=value&…" data-testid="invoke-query" />}
          </Field>
        </div>
        <Field label="Headers" hint="One per line: Name: value" error={parsed.problem ?? undefined}>
          {(control) => <Textarea {...control} rows={2} value={headerText} onChange={(e) => setHeaderText(e.target.value)} spellCheck={false} data-testid="invoke-headers" />}
        </Field>
        <Segmented<BodyKind> label="Body type" value={bodyKind} onValueChange={setBodyKind} options={[{ value: 'json', label: 'JSON' }, { value: 'text', label: 'Text' }]} />
        <Field label="Body" error={bodyProblem ?? undefined} hint={method === 'GET' ? 'GET sends no body' : undefined}>
          {(control) => <Textarea {...control} rows={5} value={body} onChange={(e) => setBody(e.target.value)} spellCheck={false} className="compute-mono" data-testid="invoke-body" />}
        </Field>
        <Toolbar label="Invoke actions" variant="plain">
          <Button type="submit" variant="primary" icon={Play} busy={busy} disabled={Boolean(parsed.problem || bodyProblem)} data-testid="invoke-button">
            {busy ? 'Invoking…' : 'Invoke'}
          </Button>
          <ToolbarText>
            as <strong data-testid="invoke-identity">{identity.label}</strong>
          </ToolbarText>
          <ToolbarSpacer />
          <Button type="button" size="sm" icon="copy" onClick={() => void copy('curl')}>
            Copy as curl
          </Button>
          <Button type="button" size="sm" icon="copy" onClick={() => void copy('sdk')}>
            Copy as SDK call
          </Button>
        </Toolbar>
      </form>
      <InvokeResult reply={reply} logs={logs} problem={problem} />
    </Panel>
  )
}

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text)
    return null
  } catch (err) {
    return `Not valid JSON: ${(err as Error).message}`
  }
}
