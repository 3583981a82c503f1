// studio/ddl/table-ddl.ts — the studio's table dialogs as SQL: create table (with RLS on and grants to the API's
// roles ticked by default), add column, rename column, drop column. Pure: spec → SQL text, shown to the user before
// it runs.
// Types and defaults are SQL fragments the user typed on purpose (like in psql); names are always quoted.
import { z } from 'zod'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'

const NAME = z.string().min(1).max(63)
const TYPE = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z_][\w ]*(\(\s*\d+(\s*,\s*\d+)?\s*\))?(\[\])*$/, 'a type name such as text, int8, numeric(10,2), timestamptz or text[]')

export const columnSpec = z.object({
  name: NAME,
  type: TYPE,
  nullable: z.boolean().default(true),
  default: z.string().max(500).optional(),
  primaryKey: z.boolean().default(false),
  unique: z.boolean().default(false),
  references: z.object({ schema: NAME.default('public'), table: NAME, column: NAME }).optional(),
})

export const createTableSpec = z.object({
  schema: NAME.default('public'),
  name: NAME,
  columns: z.array(columnSpec).min(1),
  enableRls: z.boolean().default(true),
  grantTo: z.array(z.enum(['anon', 'authenticated'])).default(['anon', 'authenticated']),
  enableRealtime: z.boolean().default(false),
})

export type ColumnSpec = z.infer<typeof columnSpec>
export type CreateTableSpec = z.infer<typeof createTableSpec>

function columnSql(c: ColumnSpec, inlinePk: boolean): string {
  const parts = [quoteIdent(c.name), c.type]
  if (c.default !== undefined && c.default !== '') parts.push('DEFAULT', c.default)
  if (!c.nullable && !(inlinePk && c.primaryKey)) parts.push('NOT NULL')
  if (inlinePk && c.primaryKey) parts.push('PRIMARY KEY')
  if (c.unique) parts.push('UNIQUE')
  if (c.references) parts.push('REFERENCES', `${quoteQualified(c.references.schema, c.references.table)} (${quoteIdent(c.references.column)})`)
  return parts.join(' ')
}

export function createTableSql(spec: CreateTableSpec): string[] {
  const table = quoteQualified(spec.schema, spec.name)
  const pk = spec.columns.filter((c) => c.primaryKey)
  const inlinePk = pk.length === 1
  const lines = spec.columns.map((c) => '  ' + columnSql(c, inlinePk))
  if (pk.length > 1) lines.push(`  PRIMARY KEY (${pk.map((c) => quoteIdent(c.name)).join(', ')})`)
  const statements = [`CREATE TABLE ${table} (\n${lines.join(',\n')}\n)`]
  if (spec.enableRls) statements.push(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`)
  if (spec.grantTo.length) statements.push(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${spec.grantTo.join(', ')}`)
  return statements
}

export const addColumnSpec = z.object({ schema: NAME, table: NAME, column: columnSpec })
export const dropColumnSpec = z.object({ schema: NAME, table: NAME, column: NAME, cascade: z.boolean().default(false) })

/** A rename stays a rename in the migration (never drop + add, which would lose the column's data). */
export const renameColumnSpec = z.object({ schema: NAME, table: NAME, from: NAME, to: NAME })

export function renameColumnSql(spec: z.infer<typeof renameColumnSpec>): string[] {
  return [`ALTER TABLE ${quoteQualified(spec.schema, spec.table)} RENAME COLUMN ${quoteIdent(spec.from)} TO ${quoteIdent(spec.to)}`]
}

export function addColumnSql(spec: z.infer<typeof addColumnSpec>): string[] {
  return [`ALTER TABLE ${quoteQualified(spec.schema, spec.table)} ADD COLUMN ${columnSql(spec.column, false)}${spec.column.primaryKey ? '' : ''}`]
}

export function dropColumnSql(spec: z.infer<typeof dropColumnSpec>): string[] {
  return [`ALTER TABLE ${quoteQualified(spec.schema, spec.table)} DROP COLUMN ${quoteIdent(spec.column)}${spec.cascade ? ' CASCADE' : ''}`]
}
