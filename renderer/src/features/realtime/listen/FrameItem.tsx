// features/realtime/listen/FrameItem.tsx — one frame a listening client received, in words: a change (type, table,
// row), a broadcast (event, payload), a presence event, an acknowledgement or an error; click a change for its JSON.
import { useState, type ReactElement } from 'react'
import type { ServerFrame } from '../../../api/realtime-api'
import { CodeBlock } from '../../../components/ui'
import { TypeBadge } from '../Badges'
import { clockTime, rowSummary } from '../format'
import { ackText, changeRow, frameKind, innerOf } from '../listener-frames'
import type { ReceivedFrame } from '../realtime-slice'

function Body({ frame }: { frame: ServerFrame }): ReactElement {
  const kind = frameKind(frame)
  if (kind === 'change') {
    const c = changeRow(frame)
    return (
      <>
        <TypeBadge type={c.type} />
        <span className="rt-frame__table">{c.table}</span>
        <span className="rt-frame__text">{rowSummary(c.row, 3)}</span>
      </>
    )
  }
  if (kind === 'broadcast') {
    const inner = innerOf(frame)
    return (
      <>
        <TypeBadge type="BROADCAST" />
        <span className="rt-frame__table">{String(inner.event ?? '')}</span>
        <code className="rt-frame__text">{JSON.stringify(inner.payload ?? null)}</code>
      </>
    )
  }
  if (kind === 'presence') {
    const inner = innerOf(frame)
    return (
      <>
        <TypeBadge type="PRESENCE" />
        <span className="rt-frame__table">{String(inner.event ?? '')}</span>
        <span className="rt-frame__text">{inner.key ? String(inner.key) : `${Object.keys((inner.currentPresences as object) ?? {}).length} present`}</span>
      </>
    )
  }
  if (kind === 'ack') return <span className="rt-frame__text rt-faint">✓ {ackText(frame)}</span>
  if (kind === 'error') return <span className="rt-frame__text rt-frame__error">{String(frame.error ?? 'error')}</span>
  return <code className="rt-frame__text">{JSON.stringify(frame)}</code>
}

export function FrameItem({ item }: { item: ReceivedFrame }): ReactElement {
  const [open, setOpen] = useState(false)
  const kind = frameKind(item.frame)
  const expandable = kind === 'change' || kind === 'broadcast' || kind === 'presence'
  return (
    <li className={`rt-frame rt-frame--${kind}`} data-testid="rt-frame" data-kind={kind}>
      <button type="button" className="rt-frame__line" onClick={() => setOpen(!open)} disabled={!expandable} aria-expanded={expandable ? open : undefined}>
        <span className="rt-frame__time tabular">{clockTime(item.at)}</span>
        <Body frame={item.frame} />
      </button>
      {open && <CodeBlock code={JSON.stringify(item.frame.payload ?? item.frame, null, 2)} language="JSON" title="Frame" maxHeight={240} />}
    </li>
  )
}
