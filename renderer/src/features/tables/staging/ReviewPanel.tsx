// features/tables/staging/ReviewPanel.tsx — the review before anything is written: every staged change as the exact
// REST call it becomes (method, path with its filters, body), who it runs as, and — for deletes — how many rows by
// which keys. Runs the calls in order and stops at the first failure, showing the server's words and hint on that
// call; calls that succeeded leave the staging area, the rest stay for another try.
import { useState, type ReactElement } from 'react'
import { sendWrite } from '../../../api/tables-api'
import { useStudioStore } from '../../../store'
import { affectedRows, type PlannedCall } from '../lib/staged-calls'
import { ErrorNote } from '../ui/ErrorNote'
import { Modal } from '../ui/Modal'

type CallState = { state: 'waiting' } | { state: 'running' } | { state: 'done'; affected: number } | { state: 'failed'; error: unknown }

export function ReviewPanel({ calls, onSucceeded, onFailed, onFinished, onClose }: {
  calls: PlannedCall[]
  onSucceeded: (call: PlannedCall, body: unknown) => void
  onFailed: (call: PlannedCall, message: string) => void
  onFinished: () => void
  onClose: () => void
}): ReactElement {
  const identity = useStudioStore((s) => s.identity)
  const [states, setStates] = useState<Record<string, CallState>>({})
  const [running, setRunning] = useState(false)
  const [finished, setFinished] = useState(false)
  const service = identity.kind === 'service_role'
  const deletes = calls.filter((c) => c.kind === 'delete').reduce((n, c) => n + c.expectedRows, 0)
  const pending = calls.filter((c) => states[c.id]?.state !== 'done')

  const run = async (): Promise<void> => {
    setRunning(true)
    for (const call of pending) {
      setStates((s) => ({ ...s, [call.id]: { state: 'running' } }))
      try {
        const res = await sendWrite(call.method, call.path, call.body)
        const affected = affectedRows(call.kind, res.body)
        setStates((s) => ({ ...s, [call.id]: { state: 'done', affected } }))
        onSucceeded(call, res.body)
      } catch (error) {
        setStates((s) => ({ ...s, [call.id]: { state: 'failed', error } }))
        onFailed(call, (error as Error).message)
        break
      }
    }
    setRunning(false)
    setFinished(true)
    onFinished()
  }

  const allDone = calls.length > 0 && calls.every((c) => states[c.id]?.state === 'done')
  const verb = `${pending.length} call${pending.length === 1 ? '' : 's'}`
  return (
    <Modal
      title={`Review before writing: ${calls.length} REST call${calls.length === 1 ? '' : 's'}`}
      onClose={() => !running && onClose()}
      wide
      testId="review-panel"
      footer={
        <>
          <span className="tb-modal__meta">Each call is its own transaction, run in order; the first failure stops the rest.</span>
          <button type="button" className="ui-button" onClick={onClose} disabled={running}>
            {allDone ? 'Close' : 'Back to editing'}
          </button>
          {!allDone && (
            <button type="button" className={`ui-button ${deletes ? 'ui-button--danger-solid' : 'ui-button--primary'}`} onClick={() => void run()} disabled={running || pending.length === 0} data-testid="run-changes">
              {running ? 'Running…' : finished ? `Retry ${verb} as ${identity.label}` : `Run ${verb} as ${identity.label}`}
            </button>
          )}
        </>
      }
    >
      <div className={`tb-review__identity tb-review__identity--${identity.kind}`} data-testid="review-identity">
        {service ? (
          <>
            Runs as <b>service_role</b>: row-level security is bypassed, the writes reach any row.
          </>
        ) : (
          <>
            Runs as <b>{identity.label}</b> ({identity.kind === 'anon' ? 'anonymous' : identity.kind === 'user' ? 'a signed-in user' : 'custom claims'}): RLS applies, so rows
            that {identity.label}’s policies hide or refuse are not written — exactly as their app would experience it.
          </>
        )}
      </div>
      {deletes > 0 && (
        <p className="tb-review__warning" data-testid="delete-confirmation">
          Deletes {deletes} row{deletes === 1 ? '' : 's'}, selected by primary key, as <b>{identity.label}</b>. This cannot be undone.
        </p>
      )}
      <ol className="tb-review__calls">
        {calls.map((call) => {
          const st = states[call.id] ?? { state: 'waiting' }
          return (
            <li key={call.id} className={`tb-review__call tb-review__call--${st.state}`} data-testid="review-call">
              <div className="tb-review__summary">
                <span className={`tb-method tb-method--${call.method.toLowerCase()}`}>{call.method}</span>
                <span>{call.summary}</span>
                <span className="tb-review__state">
                  {st.state === 'running' && 'running…'}
                  {st.state === 'done' &&
                    (st.affected === call.expectedRows ? (
                      <span className="tb-ok">✓ {describeDone(call, st.affected)}</span>
                    ) : (
                      <span className="tb-warn" role="status">
                        ⚠ {describeDone(call, st.affected)} of {call.expectedRows}: {call.expectedRows - st.affected} not visible to {identity.label} (RLS) or no longer there
                      </span>
                    ))}
                </span>
              </div>
              <code className="tb-review__path">
                {call.method} {call.path}
              </code>
              {call.body !== undefined && <pre className="tb-review__body">{JSON.stringify(call.body, null, 2)}</pre>}
              {st.state === 'failed' && <ErrorNote error={st.error} title="The server refused this call" />}
            </li>
          )
        })}
      </ol>
    </Modal>
  )
}

function describeDone(call: PlannedCall, n: number): string {
  const what = call.kind === 'delete' ? 'deleted' : call.kind === 'insert' ? 'inserted' : 'updated'
  return `${n} row${n === 1 ? '' : 's'} ${what}`
}
