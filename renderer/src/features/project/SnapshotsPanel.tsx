// features/project/SnapshotsPanel.tsx — named snapshots of the database and storage files (project/snapshots.ts):
// list with size and time, save (the name's rules shown before submit), restore and delete (each confirmed).
import { useCallback, useEffect, useState, type FormEvent, type ReactElement } from 'react'
import { Button, ConfirmDialog, DataTable, EmptyState, Field, Input, Panel, toast, type DataColumn } from '../../components/ui'
import { deleteSnapshot, listSnapshots, restoreSnapshot, saveSnapshot, type SnapshotInfo } from '../../api/project-api'
import { formatBytes, formatTime, snapshotNameRules } from './project-format'

type Pending = { action: 'restore' | 'delete'; name: string }

export function SnapshotsPanel({ onChanged }: { onChanged: () => Promise<void> }): ReactElement {
  const [snapshots, setSnapshots] = useState<SnapshotInfo[] | null>(null)
  const [name, setName] = useState('')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)

  const load = useCallback(async () => {
    try {
      setSnapshots(await listSnapshots())
    } catch (err) {
      setError((err as Error).message)
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const rules = snapshotNameRules(name)
  const save = async (event: FormEvent) => {
    event.preventDefault()
    if (!rules.every((r) => r.met)) return
    setSaving(true)
    setError(null)
    try {
      await saveSnapshot(name)
      toast({ title: `Snapshot ${name} saved`, tone: 'ok' })
      setName('')
      await load()
    } catch (err) {
      setError((err as Error).message)
    }
    setSaving(false)
  }

  const columns: Array<DataColumn<SnapshotInfo>> = [
    { key: 'name', header: 'Name', mono: true },
    { key: 'createdAt', header: 'Saved', cell: (s) => formatTime(s.createdAt) },
    { key: 'size', header: 'Size', align: 'end', width: '90px', cell: (s) => formatBytes(s.sizeBytes) },
    {
      key: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      width: '170px',
      cell: (s) => (
        <span className="project-actions">
          <Button size="sm" onClick={() => setPending({ action: 'restore', name: s.name })} aria-label={`Restore ${s.name}`}>Restore</Button>
          <Button size="sm" variant="danger" onClick={() => setPending({ action: 'delete', name: s.name })} aria-label={`Delete ${s.name}`}>Delete</Button>
        </span>
      ),
    },
  ]

  return (
    <Panel title="Snapshots" hint="The database and storage files, kept in the data directory." className="project-snapshots">
      <form className="project-save" onSubmit={(e) => void save(e)}>
        <Field label="Snapshot name" rules={name ? rules : undefined} hint={name ? undefined : 'e.g. before-import'} error={error ?? undefined}>
          {(control) => <Input {...control} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" spellCheck={false} />}
        </Field>
        <Button type="submit" variant="primary" busy={saving} disabled={!name || !rules.every((r) => r.met)}>
          {saving ? 'Saving…' : 'Save snapshot'}
        </Button>
      </form>
      <div data-testid="project-snapshots">
        <DataTable
          caption="Snapshots"
          columns={columns}
          rows={snapshots ?? []}
          rowKey={(s) => s.name}
          loading={snapshots === null && !error ? <span>Loading…</span> : undefined}
          empty={<EmptyState size="compact" title="No snapshots">Save one before an experiment to come back to it in a second.</EmptyState>}
        />
      </div>
      {pending?.action === 'restore' && (
        <ConfirmDialog
          title={`Restore snapshot ${pending.name}?`}
          confirmLabel="Restore snapshot"
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await restoreSnapshot(pending.name)
            toast({ title: `Snapshot ${pending.name} restored`, tone: 'ok' })
            await Promise.all([load(), onChanged()])
          }}
        >
          <p>
            The database and storage files become what they were when <strong>{pending.name}</strong> was saved. Every change made since
            (rows, schema, files, auth users) is lost. Clients see a short pause.
          </p>
        </ConfirmDialog>
      )}
      {pending?.action === 'delete' && (
        <ConfirmDialog
          title={`Delete snapshot ${pending.name}?`}
          confirmLabel="Delete snapshot"
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await deleteSnapshot(pending.name)
            await load()
          }}
        >
          <p>
            The snapshot <strong>{pending.name}</strong> and its copy of the database and files are removed from the data directory. The live
            database is not touched.
          </p>
        </ConfirmDialog>
      )}
    </Panel>
  )
}
