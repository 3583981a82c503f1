// renderer/src/features/status/ServerNotices.tsx — what the runtime cannot do on this PostgreSQL server and why
// (from /studio/api/status): realtime's unmet precondition (the setting to change) and degraded features, e.g. no DDL
// event trigger for a role that is not a superuser (--database-url). Nothing when all is well.
import type { ReactElement } from 'react'
import { Icon } from '../../components/Icon'
import { useStudioStore } from '../../store'

export function ServerNotices(): ReactElement | null {
  const problem = useStudioStore((s) => s.status?.realtime?.problem ?? null)
  const notes = useStudioStore((s) => s.status?.notes)
  if (!problem && !notes?.length) return null
  return (
    <>
      {problem ? (
        <div className="notice notice--danger" role="alert" data-testid="realtime-problem">
          <Icon name="alert" size={18} />
          <div>
            <p className="notice__title">Realtime is off on this server</p>
            <p className="notice__body">{problem}</p>
          </div>
        </div>
      ) : null}
      {notes?.map((note) => (
        <div key={note.message} className="notice notice--warning" role="status" data-testid="server-note">
          <Icon name="alert" size={18} />
          <div>
            <p className="notice__title">Works differently on this server</p>
            <p className="notice__body">{note.message}</p>
          </div>
        </div>
      ))}
    </>
  )
}
