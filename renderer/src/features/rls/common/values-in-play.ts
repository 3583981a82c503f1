// features/rls/common/values-in-play.ts — the values a policy expression compares for one row: the row's columns
// it names, and what the identity's settings return (app.user_id, app.role, auth.uid(), auth.role()), so a reader
// sees "user_id a1… vs app.user_id b0…" next to a clause that is false. Pure; a reading aid, not an evaluator.
import { cellText } from './format-sql'

export interface IdentityFacts {
  role: string
  appRole: string
  userId: string | null
}

export interface ValueInPlay {
  name: string
  value: string
}

function quoteSetting(value: string | null): string {
  return value ? `'${value}'` : "'' (empty)"
}

export function valuesInPlay(expr: string, row: Record<string, unknown>, identity: IdentityFacts): ValueInPlay[] {
  const out: ValueInPlay[] = []
  // Column names outside string literals, not qualified by another table (users.id is the subquery's).
  const code = expr.replace(/'(?:[^']|'')*'/g, "''")
  for (const [column, value] of Object.entries(row)) {
    const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    if (new RegExp(`(?<![.\\w"])"?${escaped}"?(?![\\w(])`).test(code)) out.push({ name: column, value: cellText(value) })
  }
  if (/current_setting\('app\.user_id'/.test(expr)) out.push({ name: "current_setting('app.user_id')", value: quoteSetting(identity.userId) })
  if (/current_setting\('app\.role'/.test(expr)) out.push({ name: "current_setting('app.role')", value: quoteSetting(identity.appRole) })
  if (/\bauth\.uid\(\)/.test(expr)) out.push({ name: 'auth.uid()', value: identity.userId ?? 'NULL' })
  if (/\bauth\.role\(\)/.test(expr)) out.push({ name: 'auth.role()', value: identity.appRole })
  if (/\bcurrent_user\b/.test(code)) out.push({ name: 'current_user', value: identity.role })
  return out
}
