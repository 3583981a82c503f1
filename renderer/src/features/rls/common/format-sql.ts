// features/rls/common/format-sql.ts — a policy expression laid out for reading: its top-level AND/OR parts one per
// line (the same parts the simulator evaluates one by one), the rest as PostgreSQL printed it. Pure.
import type { ClauseSplit } from '../../../../../contract/rls-simulator'

export interface ExpressionLine {
  /** The operator joining this part to the previous one ('' for the first). */
  op: '' | 'AND' | 'OR'
  text: string
  /** Index of the part in the split (for matching clause results). */
  part: number
}

export function expressionLines(expr: string, split: ClauseSplit | null): ExpressionLine[] {
  if (!split?.op || split.parts.length < 2) return [{ op: '', text: expr.trim(), part: 0 }]
  return split.parts.map((text, i) => ({ op: i === 0 ? '' : split.op!, text: text.trim(), part: i }))
}

/** A cell value as text for the grids: NULL spelled out, objects as compact JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
