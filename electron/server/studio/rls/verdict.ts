// studio/rls/verdict.ts — how PostgreSQL combines policies for one row, and the sentence that says why. Pure.
// Permissive policies are OR'd, restrictive ones AND'd; NULL counts as deny; no permissive policy = deny.
import type { PolicyInfo } from './policy-catalog.js'
import type { Tri } from './evaluate-expression.js'
import type { PolicyResult, RowDecision } from '../../../../contract/rls-simulator.js'
export type { ClauseResult, PolicyResult, RowDecision } from '../../../../contract/rls-simulator.js'

const show = (v: Tri | 'error') => (v === 'error' ? 'error' : String(v))

function failing(p: PolicyResult): string {
  if (p.result === 'error') return `${p.name} failed with an error: ${p.error}`
  if (!p.clauses?.length) return `${p.name} → ${show(p.result)}`
  if (p.op === 'AND') {
    const bad = p.clauses.filter((c) => c.result !== true)
    return `${p.name} → ${show(p.result)}: ${bad.map((c) => `\`${c.text}\` is ${show(c.result)}`).join(' and ')}`
  }
  return `${p.name} → ${show(p.result)}: none of its OR parts holds (${p.clauses.map((c) => `\`${c.text}\` is ${show(c.result)}`).join('; ')})`
}

export function decide(
  results: PolicyResult[],
  ctx: { rlsEnabled: boolean; bypass: string | null; role: string; command: string; applicable: PolicyInfo[] },
): RowDecision {
  if (ctx.bypass) return { allowed: true, reason: ctx.bypass }
  if (!ctx.rlsEnabled) return { allowed: true, reason: 'RLS is off for this table: every row the role may access is allowed' }
  const permissive = results.filter((r) => r.kind === 'permissive')
  const restrictive = results.filter((r) => r.kind === 'restrictive')
  if (permissive.length === 0) {
    return { allowed: false, reason: `no permissive policy for role ${ctx.role} FOR ${ctx.command}: RLS denies every row by default` }
  }
  const passing = permissive.filter((r) => r.result === true)
  if (passing.length === 0) {
    return { allowed: false, reason: `hidden: no permissive policy passed — ${permissive.map(failing).join('; ')}` }
  }
  const blocking = restrictive.filter((r) => r.result !== true)
  if (blocking.length) {
    return { allowed: false, reason: `hidden by restrictive ${blocking.map(failing).join('; ')} (permissive ${passing.map((p) => p.name).join(', ')} passed)` }
  }
  return { allowed: true, reason: `allowed by ${passing.map((p) => p.name).join(' OR ')}${restrictive.length ? ` AND ${restrictive.map((r) => r.name).join(' AND ')}` : ''}` }
}
