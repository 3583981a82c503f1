// features/realtime/listen/ListenerColumn.tsx — one listening client: who it is, what it subscribed to, the state of
// its socket (with the server's refusal in words), and every frame it received, newest first.
import { Badge } from '../../../components/ui'
import type { ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import type { Listener } from '../realtime-slice'
import { MAX_FRAMES } from '../realtime-slice'
import { FrameItem } from './FrameItem'

const STATE_TEXT: Record<Listener['state'], string> = {
  connecting: 'Connecting…',
  subscribing: 'Subscribing…',
  listening: 'Listening',
  refused: 'Refused',
  closed: 'Closed',
}

export function ListenerColumn({ listener }: { listener: Listener }): ReactElement {
  const remove = useStudioStore((s) => s.removeRtListener)
  const clear = useStudioStore((s) => s.clearRtListener)
  const { identity, target } = listener
  const changes = listener.frames.filter((f) => f.frame.type === 'postgres_changes').length
  return (
    <section className="rt-listener" aria-label={`Listening as ${identity.label}`} data-testid="rt-listener" data-identity={identity.label} data-state={listener.state}>
      <header className="rt-listener__head">
        <div className="rt-listener__who">
          <strong>{identity.label}</strong>
          <Badge>{identity.role}</Badge>
        </div>
        <span className={`rt-listener__state rt-listener__state--${listener.state}`}>{STATE_TEXT[listener.state]}</span>
        <button type="button" className="ui-button ui-button--ghost ui-button--small" onClick={() => clear(listener.id)} disabled={!listener.frames.length}>
          Clear
        </button>
        <button type="button" className="ui-button ui-button--ghost ui-button--small" onClick={() => remove(listener.id)} aria-label={`Stop listening as ${identity.label}`}>
          ✕
        </button>
      </header>
      <div className="rt-listener__target">
        {target.table ? (
          <>
            <code>
              {target.schema}.{target.table}
            </code>{' '}
            · {target.event === '*' ? 'all events' : target.event}
            {target.filter.trim() && (
              <>
                {' '}
                · <code>{target.filter.trim()}</code>
              </>
            )}
            <br />
          </>
        ) : null}
        channel <code>{target.channel}</code>
      </div>
      {listener.error && (
        <div className="rt-listener__error" role="alert">
          {listener.error}
        </div>
      )}
      <div className="rt-listener__count tabular">
        {listener.received.toLocaleString('en-US')} received · {changes} change{changes === 1 ? '' : 's'} shown
        {listener.received > MAX_FRAMES && ` (newest ${MAX_FRAMES} kept)`}
      </div>
      <ol className="rt-listener__frames">
        {listener.frames.length === 0 && <li className="rt-faint rt-listener__empty">Nothing received yet.</li>}
        {listener.frames.map((f) => (
          <FrameItem key={f.n} item={f} />
        ))}
      </ol>
    </section>
  )
}
