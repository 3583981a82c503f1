// renderer/src/features/storage/StorageView.tsx — the Storage page: buckets on the left, the open folder in the
// middle, the selected file's preview and actions on the right. File views follow the simulator's identity: switch
// identity and the folder reloads as that user sees it.
import { useEffect, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { BucketList } from './BucketList'
import { FileBrowser } from './FileBrowser'
import { FilePreview } from './FilePreview'
import './storage.css'

export function StorageView(): ReactElement {
  const bucket = useStudioStore((s) => s.viewParams.bucket)
  const prefix = useStudioStore((s) => s.viewParams.prefix)
  const identityToken = useStudioStore((s) => s.identity.accessToken)
  const selected = useStudioStore((s) => s.storageSelectedKey)
  const loadBuckets = useStudioStore((s) => s.loadStorageBuckets)
  const refreshFolder = useStudioStore((s) => s.refreshStorageFolder)

  useEffect(() => {
    void loadBuckets()
  }, [loadBuckets])

  // Storage entered from the sidebar (no bucket named): back to the folder open last, not to the empty page.
  const reopen = useStudioStore((s) => s.storageLastFolder)
  const openFolder = useStudioStore((s) => s.openStorageFolder)
  useEffect(() => {
    if (!bucket && reopen) openFolder(reopen.bucket, reopen.prefix)
    // Only on entering the view: once open, choosing no bucket (deleting it) must not bring it back.
  }, [])

  useEffect(() => {
    void refreshFolder()
  }, [bucket, prefix, identityToken, refreshFolder])

  return (
    <div className={`storage${selected ? ' storage--with-preview' : ''}`} data-testid="storage-page">
      <BucketList />
      {bucket ? (
        <FileBrowser bucket={bucket} />
      ) : (
        <section className="storage__empty">
          <h2>Storage</h2>
          <p>Pick a bucket, or create one. Files are shown, uploaded and signed as the identity in the status bar, through the same policies your app meets.</p>
        </section>
      )}
      {bucket && selected && <FilePreview bucket={bucket} fileKey={selected} />}
    </div>
  )
}
