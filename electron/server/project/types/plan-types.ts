// project/types/plan-types.ts — catalog + options → what the generated file declares: the chosen tables, views,
// functions, procedures, enums and composite types, each with its exported name and its fields. Pure; the two
// renderers (generate-types.ts for upstream's names, render-database-schema.ts for the Supabase-style type) read it.
import { functionSignature, procedureSignature, type Signature } from './function-signatures.js'
import { isView, RelationFieldBuilder, type Field, type RelationFields } from './relation-fields.js'
import { NameRegistry, pascalCase, schemaPrefix } from './ts-names.js'
import { TsTypeMapper } from './ts-type-of.js'
import type { CatalogFunction, CatalogRelation, CatalogType, GenerateOptions, TypesCatalog } from './types-catalog.js'

export interface Relationship {
  foreignKeyName: string
  columns: string[]
  isOneToOne: boolean
  referencedRelation: string
  referencedColumns: string[]
}

export interface PlannedRelation {
  rel: CatalogRelation
  /** Exported as `<base>Row`, `<base>Insert`, `<base>Update`. */
  base: string
  fields: RelationFields
  /** Foreign keys from this relation to tables and views of the same schema (what postgrest-js embeds through). */
  relationships: Relationship[]
}

export interface PlannedFunction {
  /** Schema, or `rpc:<namespace>` for a procedure of the registry. */
  origin: string
  name: string
  /** Exported as `<base>Args`, `<base>Return`. */
  base: string
  /** One per overload. */
  signatures: Signature[]
  doc?: string
}

export interface PlannedType {
  type: CatalogType
  name: string
  /** Enums: the labels' union. */
  union?: string
  /** Composite types: the attributes (each nullable: a composite value's fields can always be null). */
  fields?: Field[]
}

export interface TypesPlan {
  options: GenerateOptions
  tables: PlannedRelation[]
  views: PlannedRelation[]
  functions: PlannedFunction[]
  procedures: PlannedFunction[]
  enums: PlannedType[]
  composites: PlannedType[]
}

const byName = <T extends { schema: string; name: string }>(a: T, b: T) => (a.schema === b.schema ? cmp(a.name, b.name) : cmp(a.schema, b.schema))
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function planTypes(catalog: TypesCatalog, options: GenerateOptions): TypesPlan {
  const names = new NameRegistry()
  const schemas = new Set(options.schemas)
  const relationsByOid = new Map(catalog.relations.map((r) => [r.oid, r]))
  const chosen = catalog.relations
    .filter((r) => schemas.has(r.schema) && (options.includeViews || !isView(r)))
    .sort(byName)
  const rowNames = new Map<number, string>()
  const bases = new Map<number, string>()
  for (const rel of chosen) {
    const base = names.claim(schemaPrefix(rel.schema) + pascalCase(rel.name), ['Row', 'Insert', 'Update'])
    bases.set(rel.oid, base)
    rowNames.set(rel.oid, `${base}Row`)
  }

  // Enums and composite types get their names when first used, so types of other schemas that a chosen column uses
  // are declared too; those of the chosen schemas are all declared, used or not.
  const typeNames = new Map<number, string>()
  const declared: CatalogType[] = []
  const nameOf = (t: CatalogType): string | undefined => {
    if (t.kind !== 'enum' && !(t.kind === 'composite' && t.relationOid === undefined)) return undefined
    let name = typeNames.get(t.oid)
    if (!name) {
      name = names.claim(schemaPrefix(t.schema) + pascalCase(t.name))
      typeNames.set(t.oid, name)
      declared.push(t)
    }
    return name
  }
  const types = new TsTypeMapper(catalog.types, { named: nameOf, rowOf: (oid) => rowNames.get(oid) })
  for (const t of catalog.types.filter((t) => schemas.has(t.schema)).sort(byName)) nameOf(t)

  const fieldBuilder = new RelationFieldBuilder(relationsByOid, types)
  const chosenKeys = new Set(chosen.map((r) => `${r.schema}\u0000${r.name}`))
  const planned = chosen.map((rel): PlannedRelation => ({
    rel,
    base: bases.get(rel.oid)!,
    fields: fieldBuilder.fields(rel),
    relationships: catalog.foreignKeys
      .filter((fk) => fk.from.schema === rel.schema && fk.from.table === rel.name && fk.to.schema === rel.schema && chosenKeys.has(`${fk.to.schema}\u0000${fk.to.table}`))
      .map((fk) => ({
        foreignKeyName: fk.name,
        columns: fk.from.columns,
        isOneToOne: rel.uniqueKeys.some((k) => sameSet(k, fk.from.columns)),
        referencedRelation: fk.to.table,
        referencedColumns: fk.to.columns,
      }))
      .sort((a, b) => cmp(a.foreignKeyName, b.foreignKeyName) || cmp(a.referencedRelation, b.referencedRelation)),
  }))

  const procedures: PlannedFunction[] = []
  const functions: PlannedFunction[] = []
  if (options.includeFunctions) {
    const sortedProcedures = [...catalog.procedures].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name))
    for (const proc of sortedProcedures) {
      const prefix = proc.namespace === 'default' ? '' : pascalCase(proc.namespace)
      procedures.push({
        origin: `rpc:${proc.namespace}`, name: proc.name, base: names.claim(prefix + pascalCase(proc.name), ['Args', 'Return']),
        signatures: [procedureSignature(proc)], ...(proc.description ? { doc: proc.description } : {}),
      })
    }
    // rpc('name') runs the procedure of that name in `default` when there is one: such a function is unreachable.
    const shadowed = new Set(catalog.procedures.filter((p) => p.namespace === 'default').map((p) => p.name))
    const overloads = new Map<string, CatalogFunction[]>()
    for (const fn of [...catalog.functions].sort(byName)) {
      if (!schemas.has(fn.schema) || (fn.schema === 'public' && shadowed.has(fn.name))) continue
      const key = `${fn.schema}\u0000${fn.name}`
      overloads.set(key, [...(overloads.get(key) ?? []), fn])
    }
    for (const group of overloads.values()) {
      const signatures = group.map((fn) => functionSignature(fn, types)).filter((s): s is Signature => s !== undefined)
      if (!signatures.length) continue
      const { schema, name } = group[0]
      const doc = group.map((f) => f.comment).find(Boolean)
      functions.push({
        origin: schema, name, base: names.claim(schemaPrefix(schema) + pascalCase(name), ['Args', 'Return']), signatures,
        ...(doc ? { doc } : {}),
      })
    }
  }

  // Composite attributes can name further enums and composites: declared grows while this runs.
  const enums: PlannedType[] = []
  const composites: PlannedType[] = []
  for (let i = 0; i < declared.length; i++) {
    const t = declared[i]
    const name = typeNames.get(t.oid)!
    if (t.kind === 'enum') enums.push({ type: t, name, union: (t.labels ?? []).map((l) => JSON.stringify(l)).join(' | ') || 'never' })
    else composites.push({ type: t, name, fields: (t.attributes ?? []).map((a) => ({ name: a.name, type: `${types.of(a.typeOid)} | null`, optional: false })) })
  }
  enums.sort((a, b) => byName(a.type, b.type))
  composites.sort((a, b) => byName(a.type, b.type))
  return {
    options,
    tables: planned.filter((p) => !isView(p.rel)),
    views: planned.filter((p) => isView(p.rel)),
    functions,
    procedures,
    enums,
    composites,
  }
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x))
}
