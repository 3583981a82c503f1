// features/realtime/StreamStatus.tsx — the change stream's health in the page header: live, reconnecting (with the
// reason), or failed; and how much the inspector holds and has had to let go.
import { Badge } from '../../components/ui'
import type { ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { MAX_BUFFERED } from './change-buffer'
import { plural } from './format'

const PHASE_TONE = { live: 'ok', connecting: 'warn', reconnecting: 'warn', idle: 'neutral', failed: 'danger' } as const

export function StreamStatus(): ReactElement {
  const stream = useStudioStore((s) => s.rtStream)
  const held = useStudioStore((s) => s.rtBuffer.changes.length)
  const dropped = useStudioStore((s) => s.rtBuffer.dropped)
  const gaps = useStudioStore((s) => s.rtBuffer.gaps)
  const phase = stream.phase
  const words = phase === 'live' ? 'Live' : phase === 'connecting' ? 'Connecting…' : phase === 'idle' ? 'Stopped' : phase === 'reconnecting' ? 'Reconnecting…' : 'Stream failed'
  const message = 'message' in stream ? stream.message : undefined
  return (
    <div className="rt-status" data-testid="rt-stream-status">
      <Badge size="md" dot tone={PHASE_TONE[phase]} title={message}>
        {words}
      </Badge>
      <span className="rt-status__counts tabular">
        {plural(held, 'change')} held
        {dropped > 0 && (
          <span className="rt-status__dropped" data-testid="rt-dropped" title={`Only the newest ${MAX_BUFFERED.toLocaleString('en-US')} changes are kept`}>
            {' '}
            · {plural(dropped, 'change')} dropped
          </span>
        )}
        {gaps > 0 && <span className="rt-status__dropped"> · some changes missed while reconnecting</span>}
      </span>
      {phase === 'failed' && message && <span className="rt-status__error" role="alert">{message}</span>}
    </div>
  )
}
