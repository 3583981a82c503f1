// renderer/src/features/storage/UploadList.tsx — the uploads of this session: in flight, done, or refused with the
// server's reason (a missing policy, a size limit, a type the bucket does not take).
import type { ReactElement } from 'react'
import { useStudioStore } from '../../store'

export function UploadList(): ReactElement | null {
  const uploads = useStudioStore((s) => s.storageUploads)
  if (!uploads.length) return null
  return (
    <ul className="storage__uploads" aria-label="Uploads">
      {uploads.slice(0, 5).map((u) => (
        <li key={u.id} className={`storage__upload storage__upload--${u.state}`} data-testid="upload-item" data-state={u.state}>
          <span className="storage__upload-name">{u.name}</span>
          <span className="storage__upload-state">{u.state === 'uploading' ? 'uploading…' : u.state === 'done' ? 'uploaded' : u.error}</span>
        </li>
      ))}
    </ul>
  )
}
