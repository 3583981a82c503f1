// renderer/src/features/storage/NewBucketForm.tsx — create a bucket: name, public or not, and the optional limits
// the server enforces on every upload (max file size, allowed types). Refusals show the server's words.
import { useState, type FormEvent, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import { parseMimeList } from './storage-format'

export function NewBucketForm({ onDone }: { onDone: () => void }): ReactElement {
  const create = useStudioStore((s) => s.createStorageBucket)
  const [name, setName] = useState('')
  const [isPublic, setPublic] = useState(false)
  const [maxMb, setMaxMb] = useState('')
  const [types, setTypes] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const mb = maxMb.trim() ? Number(maxMb) : null
      await create({ name: name.trim(), public: isPublic, max_file_size: mb === null ? null : Math.round(mb * 1024 * 1024), allowed_mime_types: parseMimeList(types) })
      onDone()
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="storage__new-bucket" onSubmit={(e) => void submit(e)} aria-label="New bucket">
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="avatars" required autoFocus spellCheck={false} />
      </label>
      <label className="storage__check">
        <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} />
        Public (anyone can read its files)
      </label>
      <label>
        Max file size (MB)
        <input value={maxMb} onChange={(e) => setMaxMb(e.target.value)} inputMode="decimal" placeholder="no limit" />
      </label>
      <label>
        Allowed types
        <input value={types} onChange={(e) => setTypes(e.target.value)} placeholder="any, or image/*, application/pdf" spellCheck={false} />
      </label>
      {error && <p className="storage__error" role="alert">{error}</p>}
      <button type="submit" className="storage-button storage-button--primary" disabled={busy || !name.trim()}>
        Create bucket
      </button>
    </form>
  )
}
