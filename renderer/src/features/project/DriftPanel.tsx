// features/project/DriftPanel.tsx — "is the live database what the folder says?": the server builds the folder
// into a scratch database and compares catalogs (project/drift-check.ts); each difference comes with the SQL that
// would make the folder match. Applied migrations edited since are listed apart, each with Accept (never re-run).
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import { Badge, Button, CodeBlock, InlineError, Panel, SkeletonRows } from '../../components/ui'
import { acceptDrift, checkDrift, type DriftReport } from '../../api/project-api'

interface Props {
  drift: string[]
  /** Changes after reset/restore: check again. */
  generation: number
  onChanged: () => Promise<void>
}

export function DriftPanel({ drift, generation, onChanged }: Props): ReactElement {
  const [report, setReport] = useState<DriftReport | null>(null)
  const [checking, setChecking] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const check = useCallback(async () => {
    setChecking(true)
    setError(null)
    try {
      setReport(await checkDrift())
    } catch (err) {
      setError((err as Error).message)
    }
    setChecking(false)
  }, [])

  useEffect(() => {
    void check()
  }, [check, generation])

  const accept = async (name: string) => {
    try {
      await acceptDrift(name)
    } catch (err) {
      setError((err as Error).message)
    }
    await onChanged()
  }

  return (
    <Panel
      title="Drift"
      hint="The live database compared with the folder's migrations and seed."
      className="project-drift"
      actions={
        <Button size="sm" busy={checking} onClick={() => void check()}>
          {checking ? 'Checking…' : 'Check again'}
        </Button>
      }
    >
      {drift.map((name) => (
        <div key={name} className="project-row" data-testid="project-edited">
          <span>
            <Badge tone="warn">edited</Badge> <code>{name}</code> changed after it was applied; it is never re-run. Reset to replay it,
            or accept the file as it is now.
          </span>
          <Button size="sm" onClick={() => void accept(name)}>Accept {name}</Button>
        </div>
      ))}
      {error && <InlineError title="Drift check failed" message={error} action={<Button size="sm" onClick={() => void check()}>Retry</Button>} />}
      {!report && !error && <SkeletonRows rows={2} columns={1} label="Comparing the database with the folder" />}
      {report && (
        <div data-testid="project-drift">
          {report.inSync ? (
            <p className="project-row">
              <Badge tone="ok" dot>in sync</Badge> The live schema is what the folder builds.
            </p>
          ) : (
            <>
              <p className="project-row">
                <Badge tone="warn" dot>{`${report.statements.length} difference${report.statements.length === 1 ? '' : 's'}`}</Badge> Each
                statement would make the folder match the live database (put it in a new migration file to keep it).
              </p>
              <ol className="project-statements">
                {report.statements.map((sql, i) => (
                  <li key={i}>
                    <CodeBlock code={sql} language="sql" title={`Difference ${i + 1}`} wrap maxHeight={160} />
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </Panel>
  )
}
