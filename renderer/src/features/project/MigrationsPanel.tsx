// features/project/MigrationsPanel.tsx — the folder's migrations in order with their state (applied, pending,
// failed, drift = edited after it was applied, missing = applied but its file is gone), the last failure with
// PostgreSQL's words, problems in the folder, and "Apply pending".
import { useState, type ReactElement } from 'react'
import { Badge, Button, DataTable, EmptyState, InlineError, Panel, type DataColumn, type Tone } from '../../components/ui'
import { applyPending, type MigrationState, type ProjectMigration, type ProjectStatus } from '../../api/project-api'
import { formatTime } from './project-format'

const TONE: Record<MigrationState, Tone> = { applied: 'ok', pending: 'accent', failed: 'danger', drift: 'warn', missing: 'warn' }

const fileName = (m: ProjectMigration) => (m.file ? m.file.split(/[\\/]/).pop() : `${m.name} (file removed)`)

const COLUMNS: Array<DataColumn<ProjectMigration>> = [
  { key: 'file', header: 'File', mono: true, cell: fileName },
  { key: 'state', header: 'State', width: '110px', cell: (m) => <Badge tone={TONE[m.state]}>{m.state}</Badge> },
  { key: 'appliedAt', header: 'Applied', width: '200px', cell: (m) => formatTime(m.appliedAt) },
]

export function MigrationsPanel({ status, onChanged }: { status: ProjectStatus; onChanged: () => Promise<void> }): ReactElement {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const pending = status.migrations.filter((m) => m.state === 'pending').length
  const apply = async () => {
    setBusy(true)
    setError(null)
    try {
      await applyPending()
    } catch (err) {
      setError((err as Error).message)
    }
    await onChanged()
    setBusy(false)
  }
  const failure = status.failure
  return (
    <Panel
      title="Migrations"
      hint="Files in fluxbase/migrations, applied in order; the studio's own changes are written here too."
      className="project-migrations"
      actions={
        <>
          <Button size="sm" onClick={() => void onChanged()}>Refresh</Button>
          <Button size="sm" variant="primary" busy={busy} disabled={pending === 0} onClick={() => void apply()}>
            {busy ? 'Applying…' : `Apply pending (${pending})`}
          </Button>
        </>
      }
    >
      {failure && (
        <InlineError
          title={`Migration failed at ${failure.file.split(/[\\/]/).pop()}${failure.line ? `:${failure.line}` : ''} — the database stays at the previous one`}
          message={failure.message}
          code={failure.code}
          hint={failure.hint}
        />
      )}
      {error && <InlineError title="Apply failed" message={error} />}
      {status.problems.map((p) => (
        <InlineError key={`${p.file}:${p.message}`} title={`Problem in ${p.file.split(/[\\/]/).pop()}`} message={p.message} />
      ))}
      <div data-testid="project-migrations">
        <DataTable
          caption="Migrations in the project folder"
          columns={COLUMNS}
          rows={status.migrations}
          rowKey={(m) => m.name}
          empty={<EmptyState size="compact" title="No migrations yet">Create a table in the studio, or add NNN_name.up.sql to {status.migrationsDir}.</EmptyState>}
        />
      </div>
    </Panel>
  )
}
