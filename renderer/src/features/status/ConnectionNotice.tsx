// renderer/src/features/status/ConnectionNotice.tsx — says in words what is wrong when the page is
// not in touch with its runtime, and what the user can do about it. Nothing when all is well.
import type { ReactElement, ReactNode } from 'react'
import { Icon } from '../../components/Icon'
import { useNow } from '../../components/use-now'
import { useStudioStore } from '../../store'
import { formatUptime } from './format'

export function ConnectionNotice(): ReactElement | null {
  const phase = useStudioStore((s) => s.phase)
  if (phase === 'reconnecting') return <ReconnectingNotice />
  if (phase === 'unauthorized') {
    return (
      <Notice tone="danger" title="This page's studio token is not valid for the running runtime">
        The runtime makes a new token each time it starts. Open the studio again from the URL it printed
        (<code>Open the studio: …</code> or the <code>studioUrl</code> in its <code>READY</code> line).
      </Notice>
    )
  }
  if (phase === 'no-token') {
    return (
      <Notice tone="danger" title="No studio token">
        Open the studio from the URL the runtime printed when it started: it carries the access token this page needs.
      </Notice>
    )
  }
  return null
}

function ReconnectingNotice(): ReactElement {
  const lastFailure = useStudioStore((s) => s.lastFailure)
  const receivedAt = useStudioStore((s) => s.statusReceivedAt)
  const now = useNow(1_000)
  const since = receivedAt === null ? '' : ` Last heard from ${formatUptime((now - receivedAt) / 1000)} ago.`
  return (
    <Notice tone="warning" title="Reconnecting to the runtime…">
      {asSentence(lastFailure ?? 'The runtime is not answering')}
      {since} The page retries every two seconds and picks up where it left off.
    </Notice>
  )
}

function asSentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`
}

function Notice({ tone, title, children }: { tone: 'warning' | 'danger'; title: string; children: ReactNode }): ReactElement {
  return (
    <div className={`notice notice--${tone}`} role="alert" data-testid="connection-notice">
      <Icon name="alert" size={18} />
      <div>
        <p className="notice__title">{title}</p>
        <p className="notice__body">{children}</p>
      </div>
    </div>
  )
}
