// features/project/ProjectView.tsx — the Project view: the app's folder (--project) as the studio sees it — its
// migrations (the studio's own changes among them, as files), seed state, drift against the live database, reset
// and snapshots. State is local: nothing else in the studio reads it, and every panel reloads it after it acts.
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import { FolderGit2 } from 'lucide-react'
import { useStudioStore } from '../../store'
import { Badge, Button, EmptyState, InlineError, KeyValue, SkeletonRows } from '../../components/ui'
import { projectStatus, type ProjectStatus } from '../../api/project-api'
import { MigrationsPanel } from './MigrationsPanel'
import { DriftPanel } from './DriftPanel'
import { ResetPanel } from './ResetPanel'
import { SnapshotsPanel } from './SnapshotsPanel'
import './project.css'

export function ProjectView(): ReactElement {
  const token = useStudioStore((s) => s.token)
  const [status, setStatus] = useState<ProjectStatus | null>(null)
  const [error, setError] = useState<string | null>(null)
  // Bumped after reset/restore so the drift check runs again against the new database.
  const [generation, setGeneration] = useState(0)

  const reload = useCallback(async () => {
    try {
      setStatus(await projectStatus())
      setError(null)
    } catch (err) {
      setError((err as Error).message)
    }
  }, [])

  useEffect(() => {
    if (token) void reload()
  }, [token, reload])

  const changed = useCallback(async () => {
    setGeneration((g) => g + 1)
    await reload()
  }, [reload])

  return (
    <div className="project-page" data-testid="project-page">
      <header className="project-head">
        <h1>Project</h1>
        <p>The app's folder as code: migrations, seed, drift, reset and snapshots.</p>
      </header>
      {error && <InlineError title="Could not read the project folder" message={error} action={<Button onClick={() => void reload()}>Retry</Button>} />}
      {!status && !error && <SkeletonRows rows={4} columns={3} label="Loading the project folder" />}
      {status && !status.exists && (
        <EmptyState icon={FolderGit2} title="No project folder">
          The studio was started without <code>--project</code>, and {status.root} holds no <code>fluxbase/</code> folder yet. Start it
          with <code>--project DIR</code> (your app's folder, in the Fluxbase CLI layout) to see its migrations, seed, drift, reset
          and snapshots here. Changes made in the studio are written to {status.migrationsDir} meanwhile.
        </EmptyState>
      )}
      {status && status.exists && (
        <div className="project-grid">
          <section className="project-facts" aria-label="Folder">
            <KeyValue
              items={[
                { key: 'root', label: 'Folder', value: status.root, mono: true, copy: status.root },
                { key: 'migrations', label: 'Migrations', value: status.migrationsDir, mono: true },
                {
                  key: 'seed',
                  label: 'Seed',
                  value: (
                    <span data-testid="project-seeded">
                      <Badge tone={status.seeded ? 'ok' : 'neutral'} dot>{status.seeded ? 'seed loaded' : 'not loaded'}</Badge>
                    </span>
                  ),
                },
              ]}
            />
          </section>
          <MigrationsPanel status={status} onChanged={reload} />
          <DriftPanel drift={status.drift} generation={generation} onChanged={changed} />
          <ResetPanel onChanged={changed} />
          <SnapshotsPanel onChanged={changed} />
        </div>
      )}
    </div>
  )
}
