// renderer/src/features/storage/FileBrowser.tsx — one folder of a bucket as the current identity sees it: breadcrumbs,
// sub-folders, files; upload by the button or by dropping files anywhere on the panel (into the open folder).
import { useRef, useState, type DragEvent, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { formatBytes } from '../status/format'
import { baseName, breadcrumbs, folderName, formatDate } from './storage-format'
import { UploadList } from './UploadList'

export function FileBrowser({ bucket }: { bucket: string }): ReactElement {
  const folder = useStudioStore((s) => s.storageFolder)
  const loading = useStudioStore((s) => s.storageFolderLoading)
  const error = useStudioStore((s) => s.storageFolderError)
  const prefix = useStudioStore((s) => s.viewParams.prefix ?? '')
  const selected = useStudioStore((s) => s.storageSelectedKey)
  const identityLabel = useStudioStore((s) => s.identity.label)
  const overwrite = useStudioStore((s) => s.storageOverwrite)
  const open = useStudioStore((s) => s.openStorageFolder)
  const select = useStudioStore((s) => s.selectStorageFile)
  const upload = useStudioStore((s) => s.uploadStorageFiles)
  const setOverwrite = useStudioStore((s) => s.setStorageOverwrite)
  const refresh = useStudioStore((s) => s.refreshStorageFolder)
  const input = useRef<HTMLInputElement>(null)
  const [dragging, setDragging] = useState(false)
  const depth = useRef(0)

  const shown = folder && folder.bucket === bucket && folder.prefix === prefix ? folder : null
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    depth.current = 0
    setDragging(false)
    const files = [...e.dataTransfer.files]
    if (files.length) void upload(files)
  }
  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files')

  return (
    <section
      className={`storage__browser${dragging ? ' storage__browser--dragging' : ''}`}
      aria-label={`Files in ${bucket}`}
      data-testid="file-browser"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return
        e.preventDefault()
        depth.current += 1
        setDragging(true)
      }}
      onDragOver={(e) => {
        if (hasFiles(e)) e.preventDefault()
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1)
        if (depth.current === 0) setDragging(false)
      }}
      onDrop={onDrop}
    >
      <header className="storage__toolbar">
        <nav className="storage__crumbs" aria-label="Folder">
          <button type="button" className="storage__crumb" onClick={() => open(bucket, '')}>
            {bucket}
          </button>
          {breadcrumbs(prefix).map((c) => (
            <span key={c.prefix}>
              <span className="storage__crumb-sep">/</span>
              <button type="button" className="storage__crumb" onClick={() => open(bucket, c.prefix)}>
                {c.label}
              </button>
            </span>
          ))}
        </nav>
        <span className="storage__as" title="Files are listed and changed as this identity">
          as {identityLabel}
        </span>
        <label className="storage__check storage__check--inline">
          <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
          Overwrite
        </label>
        <button type="button" className="storage-button" onClick={() => void refresh()} disabled={loading}>
          Refresh
        </button>
        <button type="button" className="storage-button storage-button--primary" onClick={() => input.current?.click()}>
          Upload files
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="upload-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])]
            e.target.value = ''
            if (files.length) void upload(files)
          }}
        />
      </header>

      <UploadList />
      {error && (
        <p className="storage__error" role="alert">
          {error}
        </p>
      )}

      <div className="storage__table-wrap">
        <table className="storage__table">
          <colgroup>
            <col />
            <col className="storage__col-type" />
            <col className="storage__col-size" />
            <col className="storage__col-date" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col" className="storage__num">Size</th>
              <th scope="col">Modified</th>
            </tr>
          </thead>
          <tbody>
            {shown?.prefixes.map((p) => (
              <tr key={p} className="storage__row storage__row--folder" onClick={() => open(bucket, p)}>
                <td>
                  <button type="button" className="storage__name" onClick={(e) => (e.stopPropagation(), open(bucket, p))}>
                    <span className="storage__icon" aria-hidden="true">
                      ▸
                    </span>
                    {folderName(p, prefix)}/
                  </button>
                </td>
                <td className="storage__faint">folder</td>
                <td />
                <td />
              </tr>
            ))}
            {shown?.files.map((f) => (
              <tr
                key={f.key}
                className={`storage__row${f.key === selected ? ' storage__row--selected' : ''}`}
                onClick={() => select(f.key)}
                data-testid="file-row"
                data-key={f.key}
              >
                <td title={f.key}>
                  <button type="button" className="storage__name" aria-pressed={f.key === selected} onClick={(e) => (e.stopPropagation(), select(f.key))}>
                    {baseName(f.key)}
                  </button>
                </td>
                <td className="storage__faint">{f.content_type}</td>
                <td className="storage__num tabular">{formatBytes(f.size)}</td>
                <td className="storage__faint">{formatDate(f.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown && !shown.files.length && !shown.prefixes.length && (
          <p className="storage__drop-hint">
            {prefix ? 'This folder is empty' : 'This bucket is empty'} — or nothing in it is visible to {identityLabel}. Drop files here to upload.
          </p>
        )}
      </div>
      {dragging && (
        <div className="storage__drop-overlay" aria-hidden="true">
          Drop to upload into {bucket}/{prefix}
        </div>
      )}
    </section>
  )
}
