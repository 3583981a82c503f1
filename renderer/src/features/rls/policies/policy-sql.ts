// features/rls/policies/policy-sql.ts — the SQL the policy editor starts from: a policy as CREATE POLICY (to copy
// or recreate), as ALTER POLICY (to edit its roles and expressions in place), as DROP POLICY, or a new one; and
// the migration name an applied statement gets. Pure.
import type { PolicyWire } from '../../../../../contract/rls-simulator'

/** An identifier as PostgreSQL needs it: bare when it is plain lower-case, double-quoted otherwise. */
export function ident(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`
}

const RESERVED = new Set(['all', 'and', 'as', 'check', 'for', 'from', 'grant', 'group', 'limit', 'on', 'or', 'order', 'select', 'table', 'to', 'user', 'using', 'where', 'with'])

const role = (r: string) => (r === 'public' ? 'public' : ident(r))

export function qualified(schema: string, table: string): string {
  return `${ident(schema)}.${ident(table)}`
}

export function createPolicySql(schema: string, table: string, p: Pick<PolicyWire, 'name' | 'kind' | 'command' | 'roles' | 'using' | 'check'>): string {
  const lines = [`CREATE POLICY ${ident(p.name)} ON ${qualified(schema, table)}`, `  AS ${p.kind.toUpperCase()}`, `  FOR ${p.command}`, `  TO ${p.roles.map(role).join(', ')}`]
  if (p.using !== null) lines.push(`  USING (${p.using})`)
  if (p.check !== null) lines.push(`  WITH CHECK (${p.check})`)
  return lines.join('\n') + ';'
}

/** ALTER POLICY changes roles and expressions; the command and permissive/restrictive need DROP + CREATE. */
export function alterPolicySql(schema: string, table: string, p: Pick<PolicyWire, 'name' | 'roles' | 'using' | 'check'>): string {
  const lines = [`ALTER POLICY ${ident(p.name)} ON ${qualified(schema, table)}`, `  TO ${p.roles.map(role).join(', ')}`]
  if (p.using !== null) lines.push(`  USING (${p.using})`)
  if (p.check !== null) lines.push(`  WITH CHECK (${p.check})`)
  return lines.join('\n') + ';'
}

export function dropPolicySql(schema: string, table: string, name: string): string {
  return `DROP POLICY ${ident(name)} ON ${qualified(schema, table)};`
}

/** A starting point: owners read their rows when the table has a user id column, else a read-all policy. */
export function newPolicySql(schema: string, table: string, columns: string[]): string {
  const owner = ['user_id', 'owner_id', 'created_by', 'author_id'].find((c) => columns.includes(c))
  const using = owner ? `${ident(owner)}::text = current_setting('app.user_id', true)` : 'true'
  return [`CREATE POLICY ${ident(`${table}_select`)} ON ${qualified(schema, table)}`, '  FOR SELECT', '  TO authenticated', `  USING (${using});`].join('\n')
}

/** "create policy users_own_posts on guide_own.posts": what the migration file is named after. */
export function migrationName(sql: string, fallbackTable: string): string {
  const m = /^\s*(create|alter|drop)\s+policy\s+(?:if\s+exists\s+)?("(?:[^"]|"")+"|\S+)\s+on\s+(\S+)/i.exec(sql)
  if (m) return `${m[1].toLowerCase()} policy ${m[2].replace(/^"|"$/g, '').replace(/""/g, '"')} on ${m[3].replace(/"/g, '').replace(/;$/, '')}`
  return `policy change on ${fallbackTable}`
}
