// renderer/src/features/storage/BucketList.tsx — every bucket (as the developer sees them, not filtered by the
// identity) with its visibility, file count and size; a form to create one; delete (with its files on request).
import { useState, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { formatBytes } from '../status/format'
import { NewBucketForm } from './NewBucketForm'

export function BucketList(): ReactElement {
  const buckets = useStudioStore((s) => s.storageBuckets)
  const error = useStudioStore((s) => s.storageBucketsError)
  const current = useStudioStore((s) => s.viewParams.bucket)
  const open = useStudioStore((s) => s.openStorageFolder)
  const remove = useStudioStore((s) => s.deleteStorageBucket)
  const [creating, setCreating] = useState(false)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [deleteError, setDeleteError] = useState<string | null>(null)

  const del = async (name: string, withFiles: boolean) => {
    setDeleteError(null)
    try {
      await remove(name, withFiles)
      setConfirming(null)
    } catch (err) {
      setDeleteError((err as Error).message)
    }
  }

  return (
    <aside className="storage__buckets" aria-label="Buckets">
      <header className="storage__pane-header">
        <h2>Buckets</h2>
        <button type="button" className="storage-button storage-button--small" onClick={() => setCreating((v) => !v)} aria-expanded={creating}>
          {creating ? 'Cancel' : 'New bucket'}
        </button>
      </header>
      {creating && <NewBucketForm onDone={() => setCreating(false)} />}
      {error && <p className="storage__error" role="alert">{error}</p>}
      {buckets && buckets.length === 0 && !creating && <p className="storage__hint">No buckets yet.</p>}
      <ul className="storage__bucket-list">
        {buckets?.map((b) => (
          <li key={b.id} className={`storage__bucket${b.id === current ? ' storage__bucket--active' : ''}`}>
            <button type="button" className="storage__bucket-open" onClick={() => open(b.id)} data-testid={`bucket-${b.id}`} aria-current={b.id === current ? 'true' : undefined}>
              <span className="storage__bucket-name">{b.id}</span>
              <span className={`storage__tag storage__tag--${b.public ? 'public' : 'private'}`}>{b.public ? 'public' : 'private'}</span>
              <span className="storage__bucket-meta">
                {b.object_count} {b.object_count === 1 ? 'file' : 'files'} · {formatBytes(b.total_size)}
                {b.max_file_size ? ` · max ${formatBytes(b.max_file_size)}` : ''}
              </span>
            </button>
            {b.id === current &&
              (confirming === b.id ? (
                <div className="storage__confirm">
                  <span>Delete “{b.id}”{b.object_count ? ` and its ${b.object_count} files` : ''}?</span>
                  <button type="button" className="storage-button storage-button--danger storage-button--small" onClick={() => void del(b.id, true)}>
                    Delete
                  </button>
                  <button type="button" className="storage-button storage-button--small" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </div>
              ) : (
                <button type="button" className="storage__link storage__link--danger" onClick={() => setConfirming(b.id)}>
                  Delete bucket…
                </button>
              ))}
          </li>
        ))}
      </ul>
      {deleteError && <p className="storage__error" role="alert">{deleteError}</p>}
    </aside>
  )
}
