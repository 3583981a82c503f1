// features/project/ResetPanel.tsx — reset: the database rebuilt from the folder's migrations and seed (a clone of
// the folder's template database, project/reset.ts). The confirmation names what is lost, in the words of the
// issue and the server: rows, studio changes not in a file, storage files and auth users; keys and settings stay.
import { useState, type ReactElement } from 'react'
import { Button, ConfirmDialog, Panel, toast } from '../../components/ui'
import { resetDatabase } from '../../api/project-api'

export function ResetPanel({ onChanged }: { onChanged: () => Promise<void> }): ReactElement {
  const [confirming, setConfirming] = useState(false)
  return (
    <Panel
      title="Reset"
      hint="Rebuild the database from the folder: migrations, then the seed."
      className="project-reset"
      actions={
        <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
          Reset database…
        </Button>
      }
    >
      <p className="project-note">
        Keeps the data directory's keys and settings. Takes about a second when the folder is unchanged since the last reset.
      </p>
      {confirming && (
        <ConfirmDialog
          title="Reset the database from the folder?"
          confirmLabel="Reset database"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await resetDatabase()
            toast({ title: 'Database reset', description: `${result.built ? 'Folder replayed' : 'Template reused'} in ${result.ms} ms`, tone: 'ok' })
            await onChanged()
          }}
        >
          <p>The database is rebuilt from the folder's migrations and seed. Lost:</p>
          <ul>
            <li>every row written since the seed (the seed's rows come back),</li>
            <li>schema changes that are not in a migration file (see Drift),</li>
            <li>storage files, and auth users unless the seed recreates them.</li>
          </ul>
          <p>Kept: the data directory's keys and settings. Save a snapshot first to be able to come back.</p>
        </ConfirmDialog>
      )}
    </Panel>
  )
}
