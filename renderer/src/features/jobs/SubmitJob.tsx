// features/jobs/SubmitJob.tsx — submits a job with a JSON payload through the real /api/v1/jobs/submit as the status
// bar's identity, the way that user's app would (the job is theirs; RLS on jobs applies).
import { useState, type FormEvent, type ReactElement } from 'react'
import { Button, Field, InlineError, Panel, Select, Textarea, Toolbar, ToolbarText } from '../../components/ui'
import type { ComputeInfo } from '../../api/compute-api'
import { submitJob, type JobFunction } from '../../api/jobs-api'
import { useStudioStore } from '../../store'

interface Props {
  compute: ComputeInfo
  functions: JobFunction[]
  onSubmitted(id: string): void
}

export function SubmitJob({ compute, functions, onSubmitted }: Props): ReactElement {
  const identity = useStudioStore((s) => s.identity)
  const [name, setName] = useState<string | undefined>(undefined)
  const [payload, setPayload] = useState('{}')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const chosen = name ?? functions.find((f) => f.state === 'loaded')?.name
  let payloadProblem: string | null = null
  try {
    JSON.parse(payload)
  } catch (err) {
    payloadProblem = `Not valid JSON: ${(err as Error).message}`
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!chosen || payloadProblem) return
    setBusy(true)
    setProblem(null)
    try {
      const job = await submitJob(compute, chosen, JSON.parse(payload))
      onSubmitted(job.id)
    } catch (err) {
      setProblem((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Panel title="Submit a job" level={3} data-testid="submit-job">
      <form className="jobs__submit" onSubmit={(e) => void submit(e)} aria-label="Submit a job">
        <Field label="Job function">
          {(control) => <Select {...control} options={functions.map((f) => ({ value: f.name, label: f.name, disabled: f.state !== 'loaded' }))} value={chosen} onValueChange={setName} data-testid="submit-function" />}
        </Field>
        <Field label="Payload (JSON)" error={payloadProblem ?? undefined}>
          {(control) => <Textarea {...control} rows={4} value={payload} onChange={(e) => setPayload(e.target.value)} spellCheck={false} className="compute-mono" data-testid="submit-payload" />}
        </Field>
        <Toolbar label="Submit actions" variant="plain">
          <Button type="submit" variant="primary" busy={busy} disabled={!chosen || Boolean(payloadProblem)} data-testid="submit-button">
            {busy ? 'Submitting…' : 'Submit'}
          </Button>
          <ToolbarText>
            as <strong data-testid="submit-identity">{identity.label}</strong>
          </ToolbarText>
        </Toolbar>
        {problem && <InlineError title="The job was not queued" message={problem} />}
      </form>
    </Panel>
  )
}
