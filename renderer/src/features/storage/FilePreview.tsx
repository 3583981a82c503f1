// renderer/src/features/storage/FilePreview.tsx — the selected file: an image or text preview (read as the current
// identity), its details, and what can be done with it: download, a signed URL to share, delete.
import { useEffect, useState, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { readFileHead, signFile } from '../../api/storage-api'
import { CopyButton } from '../../components/CopyButton'
import { formatBytes } from '../status/format'
import { baseName, formatDate, MAX_IMAGE_PREVIEW_BYTES, previewKind, TEXT_PREVIEW_BYTES } from './storage-format'

type Preview = { kind: 'image'; src: string } | { kind: 'text'; text: string; truncated: boolean } | { kind: 'none' } | { kind: 'error'; message: string }

const EXPIRIES = [
  { label: '1 minute', seconds: 60 },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 604_800 },
]

function dataUrl(blob: Blob): Promise<string> {
  // A data: URL, not a blob: one: the studio's CSP allows images from 'self' and data: only.
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(reader.result as string)
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(blob)
  })
}

export function FilePreview({ bucket, fileKey }: { bucket: string; fileKey: string }): ReactElement | null {
  const file = useStudioStore((s) => s.storageFolder?.files.find((f) => f.key === fileKey))
  const identityToken = useStudioStore((s) => s.identity.accessToken)
  const remove = useStudioStore((s) => s.deleteStorageFile)
  const close = useStudioStore((s) => s.selectStorageFile)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [signed, setSigned] = useState<{ url: string; expires: string } | null>(null)
  const [expiry, setExpiry] = useState(3600)
  const [actionError, setActionError] = useState<string | null>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)
  // A refreshed listing hands out new objects for the same file: only a new version needs a new preview.
  const version = file ? `${file.key}|${file.etag}|${file.updated_at}` : ''

  useEffect(() => {
    setSigned(null)
    setActionError(null)
    setConfirmDelete(false)
    if (!file) return
    const kind = previewKind(file.content_type, file.size)
    if (kind === 'none') return setPreview({ kind: 'none' })
    setPreview(null)
    const request = new AbortController()
    readFileHead(bucket, file.key, kind === 'image' ? MAX_IMAGE_PREVIEW_BYTES : TEXT_PREVIEW_BYTES, request.signal)
      .then(async (blob) =>
        setPreview(kind === 'image' ? { kind: 'image', src: await dataUrl(blob) } : { kind: 'text', text: await blob.text(), truncated: file.size > TEXT_PREVIEW_BYTES }),
      )
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setPreview({ kind: 'error', message: err.message })
      })
    return () => request.abort()
    // `version` stands for `file` here (see above).
  }, [bucket, version, identityToken])

  if (!file) return null

  const sign = async (seconds: number) => {
    setActionError(null)
    try {
      const r = await signFile(bucket, file.key, seconds)
      setSigned({ url: r.signed_url, expires: r.expires_at })
      return r.signed_url
    } catch (err) {
      setActionError((err as Error).message)
      return null
    }
  }

  const download = async () => {
    // A short-lived signed URL: the browser streams the file to disk itself, whatever its size.
    const url = await sign(60)
    if (!url) return
    setSigned(null)
    const a = document.createElement('a')
    a.href = `${url}&download=${encodeURIComponent(baseName(file.key))}`
    a.download = baseName(file.key)
    document.body.append(a)
    a.click()
    a.remove()
  }

  const del = async () => {
    setActionError(null)
    try {
      await remove(file.key)
    } catch (err) {
      setActionError((err as Error).message)
      setConfirmDelete(false)
    }
  }

  return (
    <aside className="storage__preview" aria-label={`File ${baseName(file.key)}`} data-testid="file-preview">
      <header className="storage__pane-header">
        <h2 title={file.key}>{baseName(file.key)}</h2>
        <button type="button" className="icon-button" aria-label="Close preview" onClick={() => close(null)}>
          ×
        </button>
      </header>
      <div className="storage__preview-body">
        {preview === null && <p className="storage__hint">Loading preview…</p>}
        {preview?.kind === 'image' && <img className="storage__image" src={preview.src} alt={baseName(file.key)} data-testid="preview-image" />}
        {preview?.kind === 'text' && (
          <pre className="storage__text" data-testid="preview-text">
            {preview.text}
            {preview.truncated && '\n…'}
          </pre>
        )}
        {preview?.kind === 'none' && <p className="storage__hint">No preview for {file.content_type}.</p>}
        {preview?.kind === 'error' && <p className="storage__error">{preview.message}</p>}
      </div>
      <dl className="storage__details">
        <dt>Path</dt>
        <dd>
          <code>{file.key}</code>
        </dd>
        <dt>Type</dt>
        <dd>{file.content_type}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(file.size)} <span className="storage__faint">({file.size.toLocaleString()} bytes)</span>
        </dd>
        <dt>Modified</dt>
        <dd>{formatDate(file.updated_at)}</dd>
        <dt>Owner</dt>
        <dd>{file.owner_id ? <code>{file.owner_id}</code> : <span className="storage__faint">none</span>}</dd>
        {file.cache_control && (
          <>
            <dt>Cache</dt>
            <dd>{file.cache_control}</dd>
          </>
        )}
        {file.metadata && Object.keys(file.metadata).length > 0 && (
          <>
            <dt>Metadata</dt>
            <dd>
              <code>{JSON.stringify(file.metadata)}</code>
            </dd>
          </>
        )}
      </dl>
      <div className="storage__actions">
        <button type="button" className="storage-button" onClick={() => void download()}>
          Download
        </button>
        <span className="storage__sign">
          <select value={expiry} onChange={(e) => setExpiry(Number(e.target.value))} aria-label="Signed URL expiry">
            {EXPIRIES.map((x) => (
              <option key={x.seconds} value={x.seconds}>
                {x.label}
              </option>
            ))}
          </select>
          <button type="button" className="storage-button" onClick={() => void sign(expiry)}>
            Signed URL
          </button>
        </span>
        {confirmDelete ? (
          <span className="storage__confirm">
            <button type="button" className="storage-button storage-button--danger" onClick={() => void del()}>
              Delete file
            </button>
            <button type="button" className="storage-button" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="storage-button storage-button--danger-outline" onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        )}
      </div>
      {signed && (
        <div className="storage__signed" data-testid="signed-url">
          <input readOnly value={signed.url} aria-label="Signed URL" onFocus={(e) => e.target.select()} />
          <CopyButton value={signed.url} label="signed URL" />
          <p className="storage__faint">Anyone with this link can download the file until {formatDate(signed.expires)}.</p>
        </div>
      )}
      {actionError && (
        <p className="storage__error" role="alert">
          {actionError}
        </p>
      )}
    </aside>
  )
}
