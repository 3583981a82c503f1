// project/types/render-database-schema.ts — the Supabase-style `DatabaseSchema` type of the generated file, the shape
// typed PostgREST clients take (`new PostgrestClient<DatabaseSchema>(url)`): per schema `Tables`/`Views` with
// `Row`/`Insert`/`Update`/`Relationships`, `Functions`, `Enums`, `CompositeTypes`. Rows are written as type literals,
// not the upstream interfaces: postgrest-js constrains them to Record<string, unknown>, which interfaces do not meet.
import { fieldLines } from './render-fields.js'
import { objectType } from './function-signatures.js'
import type { PlannedRelation, Relationship, TypesPlan } from './plan-types.js'
import type { Field } from './relation-fields.js'
import { propertyKey, stringLiteral } from './ts-names.js'

const NOTHING = '{ [_ in never]: never }'

function literal(fields: Field[] | null, indent: string): string {
  if (!fields || !fields.length) return NOTHING
  return `{\n${fieldLines(fields, indent + '  ')}\n${indent}}`
}

function relationship(r: Relationship): string {
  const list = (xs: string[]) => `[${xs.map(stringLiteral).join(', ')}]`
  return `{ foreignKeyName: ${stringLiteral(r.foreignKeyName)}; columns: ${list(r.columns)}; isOneToOne: ${r.isOneToOne}; referencedRelation: ${stringLiteral(r.referencedRelation)}; referencedColumns: ${list(r.referencedColumns)} }`
}

function relationEntry(p: PlannedRelation, indent: string, isView: boolean): string {
  const inner = indent + '  '
  const lines = [`${inner}Row: ${literal(p.fields.row, inner)}`]
  // A view PostgreSQL cannot write through has only Row and Relationships (postgrest-js's non-updatable view).
  if (!isView || p.fields.insert || p.fields.update) {
    lines.push(`${inner}Insert: ${literal(p.fields.insert, inner)}`, `${inner}Update: ${literal(p.fields.update, inner)}`)
  }
  const rels = p.relationships.map((r) => `${inner}  ${relationship(r)},`)
  lines.push(rels.length ? `${inner}Relationships: [\n${rels.join('\n')}\n${inner}]` : `${inner}Relationships: []`)
  return `${indent}${propertyKey(p.rel.name)}: {\n${lines.join('\n')}\n${indent}}`
}

function group(name: string, entries: string[], indent: string): string {
  return entries.length ? `${indent}${name}: {\n${entries.join('\n')}\n${indent}}` : `${indent}${name}: ${NOTHING}`
}

export function renderDatabaseSchema(plan: TypesPlan): string {
  const schemas = plan.options.schemas.map((schema) => {
    const i = '      '
    const tables = plan.tables.filter((t) => t.rel.schema === schema).map((t) => relationEntry(t, i, false))
    const views = plan.views.filter((v) => v.rel.schema === schema).map((v) => relationEntry(v, i, true))
    const functions = plan.functions
      .filter((f) => f.origin === schema)
      .map((f) => {
        const variants = f.signatures.map((s) => `{ Args: ${s.args.length ? objectType(s.args) : 'Record<PropertyKey, never>'}; Returns: ${s.returns} }`)
        return `${i}${propertyKey(f.name)}: ${variants.join(' | ')}`
      })
    const enums = plan.enums.filter((e) => e.type.schema === schema).map((e) => `${i}${propertyKey(e.type.name)}: ${e.name}`)
    const composites = plan.composites.filter((c) => c.type.schema === schema).map((c) => `${i}${propertyKey(c.type.name)}: ${c.name}`)
    return [
      `  ${propertyKey(schema)}: {`,
      group('Tables', tables, '    '),
      group('Views', views, '    '),
      group('Functions', functions, '    '),
      group('Enums', enums, '    '),
      group('CompositeTypes', composites, '    '),
      '  }',
    ].join('\n')
  })
  return [
    '// Supabase-style: new PostgrestClient<DatabaseSchema>(url) type-checks queries, embedded relations included.',
    'export type DatabaseSchema = {',
    "  __InternalSupabase: { PostgrestVersion: '12' }",
    ...schemas,
    '}',
  ].join('\n')
}
