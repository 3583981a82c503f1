// features/rls/explain/failing-parts.ts — which top-level parts of a policy expression to blame for one row. Pure.
import type { ClauseResult, TriResult } from '../../../../../contract/rls-simulator'

export interface EvaluatedExpression {
  value: TriResult
  error?: string
  op?: 'AND' | 'OR'
  clauses?: ClauseResult[]
}

/** For AND, every part that is not true (false, NULL or an error); for OR (when the whole failed), all of them. */
export function failingParts(result: EvaluatedExpression | undefined): Set<number> {
  if (!result || result.value === true || !result.clauses) return new Set()
  if (result.op === 'OR') return new Set(result.clauses.map((_, i) => i))
  return new Set(result.clauses.flatMap((c, i) => (c.result === true ? [] : [i])))
}
