// features/rls/explain/PolicyList.tsx — the table's policies as the explained command and identity meet them:
// permissive or restrictive, FOR which command, TO which roles, the expressions laid out by part, and whether
// each one takes part for this identity (and if not, why not). Each can be edited or dropped as a what-if.
import { Badge, Button } from '../../../components/ui'
import type { ReactElement } from 'react'
import type { ExplainResult, PolicyWire } from '../../../../../contract/rls-simulator'
import { useStudioStore } from '../../../store'
import { alterPolicySql, dropPolicySql } from '../policies/policy-sql'
import { PolicyExpression } from './PolicyExpression'

function whyNot(p: PolicyWire, command: string, role: string): string | null {
  if (!p.appliesToCommand) return `FOR ${p.command}: not used for ${command}`
  if (!p.appliesToRole) return `TO ${p.roles.join(', ')}: does not apply to ${role}`
  return null
}

export function PolicyList({ result }: { result: ExplainResult }): ReactElement {
  const edit = useStudioStore((s) => s.editPolicyDraft)
  const { schema, name } = result.table
  if (!result.policies.length) {
    return (
      <p className="rls-empty-line">
        No policies on {schema}.{name}.{' '}
        {result.table.rlsEnabled ? 'RLS is on, so every row is hidden from every role that does not bypass RLS.' : 'RLS is off, so the GRANTs alone decide.'}{' '}
        <Button variant="ghost" size="sm" onClick={() => edit('')}>
          Write a policy…
        </Button>
      </p>
    )
  }
  return (
    <ul className="rls-policies" aria-label="Policies">
      {result.policies.map((p) => {
        const skip = whyNot(p, result.command, result.identity.role)
        return (
          <li key={p.name} className={`rls-policy${skip ? ' rls-policy--inactive' : ''}`} data-testid={`policy-${p.name}`}>
            <div className="rls-policy__head">
              <strong className="rls-policy__name">{p.name}</strong>
              <Badge tone={p.kind === 'restrictive' ? 'warn' : 'ok'}>{p.kind}</Badge>
              <Badge>FOR {p.command}</Badge>
              <Badge>TO {p.roles.join(', ')}</Badge>
              <span className={`rls-policy__applies${skip ? '' : ' rls-policy__applies--yes'}`}>{skip ?? `applies to ${result.identity.role}`}</span>
              <span className="rls-policy__actions">
                <button type="button" className="ui-button ui-button--small" onClick={() => edit(alterPolicySql(schema, name, p))} title="Edit in the policy editor and try it before committing">
                  Edit…
                </button>
                <button type="button" className="ui-button ui-button--small" onClick={() => edit(dropPolicySql(schema, name, p.name))} title="Try dropping it before committing">
                  Drop…
                </button>
              </span>
            </div>
            {p.using !== null && <PolicyExpression label="USING" expr={p.using} split={p.usingClauses} />}
            {p.check !== null && <PolicyExpression label="WITH CHECK" expr={p.check} split={p.checkClauses} />}
          </li>
        )
      })}
    </ul>
  )
}
