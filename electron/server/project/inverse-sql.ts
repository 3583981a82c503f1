// project/inverse-sql.ts — the `.down.sql` of a statement, read from PostgreSQL's own parse tree (libpg-query, via
// sql-statements.ts), for the statements whose inverse is known without the state before them: CREATE → DROP,
// RENAME → rename back, ADD COLUMN/CONSTRAINT → DROP, ENABLE/DISABLE RLS, GRANT → REVOKE. Anything else (a type
// change, CREATE OR REPLACE, a REVOKE, an enum value…) has no known inverse: the caller then writes no down file.
import { quoteIdent } from '../postgres/quote-ident.js'

type Node = Record<string, unknown>
interface RangeVar {
  schemaname?: string
  relname: string
}

const str = (n: unknown): string => ((n as { String?: { sval?: string } }).String?.sval ?? '') as string
const qualified = (parts: string[]) => parts.map(quoteIdent).join('.')
const rel = (r: RangeVar) => (r.schemaname ? qualified([r.schemaname, r.relname]) : quoteIdent(r.relname))

/** A parameter type as DROP FUNCTION needs it: the name (pg_catalog's shown bare) and [] per array bound. */
function typeText(t: { names?: unknown[]; arrayBounds?: unknown[] }): string {
  const names = (t.names ?? []).map(str)
  const shown = names[0] === 'pg_catalog' ? [names[1]] : names
  return shown.map(quoteIdent).join('.') + '[]'.repeat(t.arrayBounds?.length ?? 0)
}

function alterTableInverse(s: { relation: RangeVar; cmds?: Array<{ AlterTableCmd: Node }>; objtype?: string }): string | null {
  if (s.objtype && s.objtype !== 'OBJECT_TABLE') return null
  const undo: string[] = []
  for (const { AlterTableCmd: c } of s.cmds ?? []) {
    const def = c.def as Node | undefined
    if (c.subtype === 'AT_AddColumn') undo.unshift(`DROP COLUMN ${quoteIdent((def?.ColumnDef as { colname: string }).colname)}`)
    else if (c.subtype === 'AT_AddConstraint' && (def?.Constraint as { conname?: string })?.conname) undo.unshift(`DROP CONSTRAINT ${quoteIdent((def!.Constraint as { conname: string }).conname)}`)
    else if (c.subtype === 'AT_EnableRowSecurity') undo.unshift('DISABLE ROW LEVEL SECURITY')
    else if (c.subtype === 'AT_DisableRowSecurity') undo.unshift('ENABLE ROW LEVEL SECURITY')
    else return null
  }
  return undo.length ? `ALTER TABLE ${rel(s.relation)} ${undo.join(', ')}` : null
}

function grantInverse(s: Node): string | null {
  if (!s.is_grant || s.targtype !== 'ACL_TARGET_OBJECT' || s.objtype !== 'OBJECT_TABLE') return null
  const privileges = (s.privileges as Array<{ AccessPriv: { priv_name?: string; cols?: unknown[] } }> | undefined) ?? []
  if (privileges.some((p) => p.AccessPriv.cols?.length || !p.AccessPriv.priv_name)) return null
  const what = privileges.length ? privileges.map((p) => p.AccessPriv.priv_name!.toUpperCase()).join(', ') : 'ALL'
  const objects = (s.objects as Array<{ RangeVar: RangeVar }>).map((o) => rel(o.RangeVar)).join(', ')
  const grantees = (s.grantees as Array<{ RoleSpec: { roletype: string; rolename?: string } }>).map((g) => (g.RoleSpec.roletype === 'ROLESPEC_PUBLIC' ? 'PUBLIC' : g.RoleSpec.rolename ? quoteIdent(g.RoleSpec.rolename) : null))
  if (grantees.some((g) => g === null)) return null
  return `REVOKE ${what} ON TABLE ${objects} FROM ${grantees.join(', ')}`
}

/** The statement that undoes `tree` (one statement's parse tree), or null when its inverse is not known. */
export function inverseOf(tree: Node): string | null {
  const [kind] = Object.keys(tree)
  const s = tree[kind] as Node
  switch (kind) {
    case 'CreateStmt':
      return `DROP TABLE ${rel(s.relation as RangeVar)}`
    case 'IndexStmt': {
      const r = s.relation as RangeVar
      return s.idxname ? `DROP INDEX ${r.schemaname ? qualified([r.schemaname, s.idxname as string]) : quoteIdent(s.idxname as string)}` : null
    }
    case 'CreatePolicyStmt':
      return `DROP POLICY ${quoteIdent(s.policy_name as string)} ON ${rel(s.table as RangeVar)}`
    case 'CreateTrigStmt':
      return s.replace ? null : `DROP TRIGGER ${quoteIdent(s.trigname as string)} ON ${rel(s.relation as RangeVar)}`
    case 'ViewStmt':
      return s.replace ? null : `DROP VIEW ${rel(s.view as RangeVar)}`
    case 'CreateEnumStmt':
      return `DROP TYPE ${qualified((s.typeName as unknown[]).map(str))}`
    case 'CreateSchemaStmt':
      return `DROP SCHEMA ${quoteIdent(s.schemaname as string)}`
    case 'CreateFunctionStmt': {
      if (s.replace || s.is_procedure) return null
      const params = ((s.parameters as Array<{ FunctionParameter: { argType: Node; mode: string } }> | undefined) ?? []).filter((p) => !['FUNC_PARAM_OUT', 'FUNC_PARAM_TABLE'].includes(p.FunctionParameter.mode))
      return `DROP FUNCTION ${qualified((s.funcname as unknown[]).map(str))}(${params.map((p) => typeText(p.FunctionParameter.argType)).join(', ')})`
    }
    case 'RenameStmt': {
      const r = s.relation as RangeVar | undefined
      if (!r) return null
      if (s.renameType === 'OBJECT_COLUMN') return `ALTER TABLE ${rel(r)} RENAME COLUMN ${quoteIdent(s.newname as string)} TO ${quoteIdent(s.subname as string)}`
      if (s.renameType === 'OBJECT_TABLE') return `ALTER TABLE ${rel({ ...r, relname: s.newname as string })} RENAME TO ${quoteIdent(r.relname)}`
      return null
    }
    case 'AlterTableStmt':
      return alterTableInverse(s as unknown as Parameters<typeof alterTableInverse>[0])
    case 'GrantStmt':
      return grantInverse(s)
    default:
      return null
  }
}

/** The down migration for statements in order: each inverse, last first; null when any one is unknown. */
export function inverseOfAll(trees: Node[]): string[] | null {
  const out: string[] = []
  for (const t of trees) {
    const inv = inverseOf(t)
    if (inv === null) return null
    out.unshift(inv)
  }
  return out
}
