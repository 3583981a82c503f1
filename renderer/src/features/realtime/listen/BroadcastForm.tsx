// features/realtime/listen/BroadcastForm.tsx — sends a broadcast on a channel, as the identity the studio acts as
// (the same path as an app's POST /api/v1/realtime/broadcast), and says how many connections it reached.
import { useId, useState, type FormEvent, type ReactElement } from 'react'
import { sendBroadcast } from '../../../api/realtime-api'
import { useStudioStore } from '../../../store'

export function BroadcastForm({ channels, defaultChannel = '', onSent }: { channels: string[]; defaultChannel?: string; onSent?(): void }): ReactElement {
  const identity = useStudioStore((s) => s.identity.label)
  const listId = useId()
  // Untouched, the field follows the suggested channel (e.g. the first listening column's).
  const [typed, setTyped] = useState<string | null>(null)
  const channel = typed ?? defaultChannel
  const [event, setEvent] = useState('message')
  const [payload, setPayload] = useState('{ "text": "hello" }')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  const target = channel

  const submit = (e: FormEvent) => {
    e.preventDefault()
    let body: unknown = null
    if (payload.trim()) {
      try {
        body = JSON.parse(payload)
      } catch (err) {
        setResult({ ok: false, text: `The payload is not valid JSON: ${(err as Error).message}` })
        return
      }
    }
    if (!target.trim()) {
      setResult({ ok: false, text: 'Name the channel to broadcast on.' })
      return
    }
    setBusy(true)
    setResult(null)
    sendBroadcast(target.trim(), event.trim() || 'broadcast', body).then(
      (r) => {
        setBusy(false)
        setResult({ ok: true, text: r.recipients === 0 ? `Sent on ${r.channel}, but no connection is a member of it.` : `Sent on ${r.channel} to ${r.recipients} connection${r.recipients === 1 ? '' : 's'}.` })
        onSent?.()
      },
      (err: unknown) => {
        setBusy(false)
        setResult({ ok: false, text: `Not sent: ${err instanceof Error ? err.message : String(err)}` })
      },
    )
  }

  return (
    <form className="rt-broadcast" onSubmit={submit} data-testid="rt-broadcast-form">
      <div className="rt-broadcast__fields">
        <label className="rt-field">
          <span>Channel</span>
          <input className="ui-input" list={listId} value={channel} placeholder={defaultChannel || 'room:lobby'} onChange={(e) => setTyped(e.target.value)} aria-label="Broadcast channel" />
          <datalist id={listId}>
            {channels.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>
        <label className="rt-field">
          <span>Event</span>
          <input className="ui-input" value={event} onChange={(e) => setEvent(e.target.value)} aria-label="Broadcast event" />
        </label>
      </div>
      <label className="rt-field">
        <span>Payload (JSON)</span>
        <textarea className="ui-textarea" rows={3} value={payload} onChange={(e) => setPayload(e.target.value)} aria-label="Broadcast payload" spellCheck={false} />
      </label>
      <div className="rt-broadcast__actions">
        <button type="submit" className="ui-button ui-button--primary ui-button--small" disabled={busy}>
          {busy ? 'Sending…' : 'Send broadcast'}
        </button>
        <span className="rt-faint">as {identity}</span>
      </div>
      {result && (
        <p className={result.ok ? 'ui-notice' : 'ui-error'} role={result.ok ? 'status' : 'alert'} data-testid="rt-broadcast-result">
          {result.text}
        </p>
      )}
    </form>
  )
}
