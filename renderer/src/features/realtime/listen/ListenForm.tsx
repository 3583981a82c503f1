// features/realtime/listen/ListenForm.tsx — opens a "listen as" column: an identity (the current one first, or any user
// found by e-mail), what to subscribe to (a realtime table with event and filter, and/or a channel for broadcasts and
// presence), then a real socket.
import { Button } from '../../../components/ui'
import { useState, type FormEvent, type ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import { defaultChannel, type ListenEvent } from '../listener-frames'
import { useRealtimeTables } from '../tables/use-realtime-tables'
import { listenerIdentity, useIdentityChoices, userByIdIdentity } from './identity-choices'
import { UserSearch } from '../../rls/identity/UserSearch'

const BY_ID = '\u0000by-id'

export function ListenForm(): ReactElement {
  const choices = useIdentityChoices()
  const { tables } = useRealtimeTables()
  const add = useStudioStore((s) => s.addRtListener)
  const setTab = useStudioStore((s) => s.setRtTab)
  // The listener starts as whoever the studio acts as (the question is usually "what does this user get?").
  const currentLabel = useStudioStore((s) => s.identity.label)
  const [who, setWho] = useState(currentLabel)
  const [userId, setUserId] = useState('')
  const [role, setRole] = useState('authenticated')
  const [email, setEmail] = useState('')
  const enabled = (tables ?? []).filter((t) => t.realtime_enabled)
  const [tableKey, setTableKey] = useState('')
  const [event, setEvent] = useState<ListenEvent>('*')
  const [filter, setFilter] = useState('')
  const [channel, setChannel] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  // Until the user picks, the first enabled table is the natural thing to listen to.
  const key = tableKey || (enabled[0] ? `${enabled[0].schema}.${enabled[0].table}` : '-')
  const table = enabled.find((t) => `${t.schema}.${t.table}` === key)
  const channelName = channel.trim() || defaultChannel(table?.schema ?? '', table?.table ?? '')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    if (who === BY_ID && !userId.trim()) {
      setError('Give the user id (the JWT sub) to listen as.')
      return
    }
    const choice = choices.find((c) => c.key === who)
    if (who !== BY_ID && !choice) {
      setError('Pick an identity.')
      return
    }
    setBusy(true)
    const identity = who === BY_ID ? userByIdIdentity(userId, role, email) : listenerIdentity(choice!)
    identity.then(
      (id) => {
        setBusy(false)
        add(id, { schema: table?.schema ?? '', table: table?.table ?? '', event, filter, channel: channelName })
      },
      (err: unknown) => {
        setBusy(false)
        setError(`Could not get a token for this identity: ${err instanceof Error ? err.message : String(err)}`)
      },
    )
  }

  return (
    <form className="rt-listen-form" onSubmit={submit} data-testid="rt-listen-form">
      <label className="rt-field">
        <span>Listen as</span>
        <select className="ui-select" value={who} onChange={(e) => setWho(e.target.value)} aria-label="Listen as">
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label} · {c.role}
            </option>
          ))}
          <option value={BY_ID}>Another user, by e-mail or id…</option>
        </select>
      </label>
      {who === BY_ID && (
        <>
          <div className="rt-field rt-listen-form__users">
            <span>Find the user</span>
            <UserSearch
              busy={busy}
              actionLabel="Pick"
              onPick={(u) => {
                setUserId(u.id)
                setEmail(u.email)
              }}
            />
          </div>
          <label className="rt-field">
            <span>User id (sub)</span>
            <input className="ui-input rt-listen-form__id" value={userId} onChange={(e) => setUserId(e.target.value)} placeholder="uuid of the user" aria-label="User id" />
          </label>
          <label className="rt-field">
            <span>Role</span>
            <input className="ui-input rt-listen-form__short" value={role} onChange={(e) => setRole(e.target.value)} aria-label="Role" />
          </label>
          <label className="rt-field">
            <span>Email (optional)</span>
            <input className="ui-input" value={email} onChange={(e) => setEmail(e.target.value)} aria-label="Email" />
          </label>
        </>
      )}
      <label className="rt-field">
        <span>Table</span>
        <select className="ui-select" value={key} onChange={(e) => setTableKey(e.target.value)} aria-label="Table to listen to">
          {enabled.map((t) => (
            <option key={`${t.schema}.${t.table}`} value={`${t.schema}.${t.table}`}>
              {t.schema}.{t.table}
            </option>
          ))}
          <option value="-">none — channel only</option>
        </select>
      </label>
      {table && (
        <>
          <label className="rt-field">
            <span>Event</span>
            <select className="ui-select" value={event} onChange={(e) => setEvent(e.target.value as ListenEvent)} aria-label="Event">
              <option value="*">all</option>
              <option value="INSERT">INSERT</option>
              <option value="UPDATE">UPDATE</option>
              <option value="DELETE">DELETE</option>
            </select>
          </label>
          <label className="rt-field">
            <span>Filter (optional)</span>
            <input className="ui-input" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="status=eq.public" aria-label="Filter" />
          </label>
        </>
      )}
      <label className="rt-field">
        <span>Channel</span>
        <input className="ui-input" value={channel} onChange={(e) => setChannel(e.target.value)} placeholder={channelName} aria-label="Channel" />
      </label>
      <button type="submit" className="ui-button ui-button--primary" disabled={busy} data-testid="rt-listen-submit">
        {busy ? 'Connecting…' : 'Listen'}
      </button>
      {tables && enabled.length === 0 && (
        <p className="rt-listen-form__hint">
          No table delivers realtime events yet: switch one on in{' '}
          <Button variant="ghost" size="sm" onClick={() => setTab('tables')}>
            Tables
          </Button>
          , or listen to a channel only.
        </p>
      )}
      {error && (
        <p className="ui-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
