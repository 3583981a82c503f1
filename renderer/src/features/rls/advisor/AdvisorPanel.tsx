// features/rls/advisor/AdvisorPanel.tsx — "Advisor": what is risky or wrong about row-level security in this
// database (RLS off on exposed tables, no policies, per-row function calls, unindexed policy columns, SECURITY
// DEFINER without search_path, policies whose role lacks the GRANT), each with the SQL that fixes it, applied only
// after confirmation.
import { Chip, CodeBlock, ConfirmDialog } from '../../../components/ui'
import { useState, type ReactElement } from 'react'
import type { AdvisorFinding } from '../../../../../contract/rls-simulator'
import { advisorFindings, applySql } from '../../../api/rls-api'
import { useStudioStore } from '../../../store'
import { Notice } from '../common/Notice'
import { useAction, useRequest } from '../common/use-request'

const ORDER = { error: 0, warning: 1, info: 2 } as const
const NAMES = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['suggestion', 'suggestions'] } as const
type Severity = keyof typeof ORDER

export function AdvisorPanel(): ReactElement {
  const [run, setRun] = useState(0)
  const findings = useRequest(`advisor:${run}`, advisorFindings)
  const openTable = useStudioStore((s) => s.openRlsTable)
  const bump = useStudioStore((s) => s.bumpRlsRevision)
  const table = useStudioStore((s) => s.rlsTable)
  const [severity, setSeverity] = useState<Severity | 'all'>('all')
  const [onlyTable, setOnlyTable] = useState(false)
  const tableName = table ? `${table.schema}.${table.table}` : null
  const [fixing, setFixing] = useState<AdvisorFinding | null>(null)
  const [applied, setApplied] = useState<Array<{ title: string; file: string }>>([])
  const apply = useAction(applySql)
  const all = [...(findings.data ?? [])].sort((a, b) => ORDER[a.severity] - ORDER[b.severity])
  const scoped = onlyTable && tableName ? all.filter((f) => f.table === tableName) : all
  const list = severity === 'all' ? scoped : scoped.filter((f) => f.severity === severity)
  const count = (sev: Severity) => scoped.filter((f) => f.severity === sev).length

  const confirm = async () => {
    if (!fixing) return
    const done = await apply.runOrThrow(fixing.fixSql, `advisor: ${fixing.title}`)
    setApplied([{ title: fixing.title, file: done.migrationFile }, ...applied])
    setRun(run + 1)
    bump()
  }

  return (
    <div className="rls-advisor">
      <div className="ui-toolbar ui-toolbar--plain">
        <p className="rls-intro">Checks every table and policy in the database. Fixes are shown as SQL; nothing changes until you confirm.</p>
        <span className="ui-toolbar__spacer" />
        <button type="button" className="ui-button ui-button--small" onClick={() => setRun(run + 1)} disabled={findings.loading}>
          {findings.loading ? 'Checking…' : 'Check again'}
        </button>
      </div>
      {applied.map((a) => (
        <Notice key={a.file} tone="ok" title={`Applied: ${a.title}`}>
          Committed, and appended to <code>{a.file}</code>
        </Notice>
      ))}
      {findings.error && <Notice tone="error" title="The advisor could not run">{findings.error}</Notice>}
      {all.length > 0 && (
        <div className="rls-advisor__filters" role="group" aria-label="Filter findings">
          <span className="rls-advisor__count" data-testid="advisor-count">
            {(['error', 'warning', 'info'] as const)
              .filter((sev) => count(sev) > 0)
              .map((sev) => `${count(sev)} ${NAMES[sev][count(sev) === 1 ? 0 : 1]}`)
              .join(' · ') || 'No finding'}
          </span>
          {(['all', 'error', 'warning', 'info'] as const).map((sev) => (
            <Chip key={sev} selected={severity === sev} onClick={() => setSeverity(sev)}>
              {sev === 'all' ? 'All' : NAMES[sev][1]}
            </Chip>
          ))}
          {tableName && (
            <label className="rls-toggle">
              <input type="checkbox" checked={onlyTable} onChange={(e) => setOnlyTable(e.target.checked)} />
              Only {tableName}
            </label>
          )}
        </div>
      )}
      {findings.data && !all.length && <Notice tone="ok" title="Nothing to report">Every exposed table has RLS on, with policies that can apply.</Notice>}
      {all.length > 0 && !list.length && <p className="rls-empty-line">No finding matches this filter.</p>}
      <ul className="rls-findings">
        {list.map((f) => (
          <li key={f.id} className={`rls-finding rls-finding--${f.severity}`} data-testid="advisor-finding">
            <div className="rls-finding__head">
              <span className={`rls-severity rls-severity--${f.severity}`}>{f.severity}</span>
              <strong className="rls-finding__title">{f.title}</strong>
            </div>
            <p className="rls-finding__detail">{f.detail}</p>
            <CodeBlock code={f.fixSql} language="SQL" title="fix SQL" />
            <div className="rls-finding__actions">
              {f.table && (
                <button type="button" className="ui-button ui-button--small" onClick={() => openTable({ schema: f.table!.split('.')[0], table: f.table!.split('.').slice(1).join('.') }, 'explain')}>
                  Explain {f.table}
                </button>
              )}
              <button
                type="button"
                className="ui-button ui-button--small ui-button--danger"
                onClick={() => {
                  apply.reset()
                  setFixing(f)
                }}
              >
                Apply fix…
              </button>
            </div>
          </li>
        ))}
      </ul>
      {fixing && (
        <ConfirmDialog title="Apply this fix?" confirmLabel="Apply and record the migration" onConfirm={confirm} onClose={() => setFixing(null)}>
          <p>{fixing.title}. The statement is committed to the local database and appended to a migration file in the project folder.</p>
          <CodeBlock code={fixing.fixSql} language="SQL" />
        </ConfirmDialog>
      )}
    </div>
  )
}
