// project/types/relation-fields.ts — one table or view → the fields of its Row, Insert and Update types. Pure; the
// renderers (generate-types.ts, render-database-schema.ts) write these fields out.
//   Row: a column is `| null` unless NOT NULL (or of a NOT NULL domain); a view column that passes a column through
//   unchanged takes that column's nullability, followed through views of views; other view columns are nullable.
//   Insert: optional when the column has a default, is an identity or is nullable; GENERATED ALWAYS AS IDENTITY is
//   `?: never` (PostgreSQL refuses a value); generated columns are left out. Update: every field optional.
import type { CatalogColumn, CatalogRelation } from './types-catalog.js'
import type { TsTypeMapper } from './ts-type-of.js'

export interface Field {
  name: string
  type: string
  optional: boolean
  /** Doc comment: the column's COMMENT and, for a domain, its name and base type. */
  doc?: string
}

export interface RelationFields {
  row: Field[]
  /** null: the relation takes no inserts (a view PostgreSQL cannot write through, a materialized view). */
  insert: Field[] | null
  update: Field[] | null
}

const MAX_VIEW_DEPTH = 16

export function isView(rel: CatalogRelation): boolean {
  return rel.kind === 'view' || rel.kind === 'materialized_view'
}

export class RelationFieldBuilder {
  constructor(
    private readonly relations: Map<number, CatalogRelation>,
    private readonly types: TsTypeMapper,
  ) {}

  /** The column a view column copies (one step), if it copies one. */
  private sourceOf(col: CatalogColumn): { rel: CatalogRelation; col: CatalogColumn } | undefined {
    if (!col.source || col.source === 'not-null') return undefined
    const { relationOid, attnum } = col.source
    const rel = this.relations.get(relationOid)
    const source = rel?.columns.find((c) => c.attnum === attnum)
    return rel && source ? { rel, col: source } : undefined
  }

  nullable(rel: CatalogRelation, col: CatalogColumn, depth = 0): boolean {
    if (!isView(rel)) return col.nullable && !this.types.domainNotNull(col.typeOid)
    if (col.source === 'not-null') return false
    const source = this.sourceOf(col)
    if (!source || depth > MAX_VIEW_DEPTH) return true
    return this.nullable(source.rel, source.col, depth + 1)
  }

  /** Through views of views, the table column a view column writes to. */
  private tableColumn(rel: CatalogRelation, col: CatalogColumn): CatalogColumn | undefined {
    let current = { rel, col }
    for (let depth = 0; isView(current.rel); depth++) {
      const next = this.sourceOf(current.col)
      if (!next || depth > MAX_VIEW_DEPTH) return undefined
      current = next
    }
    return current.col
  }

  fields(rel: CatalogRelation): RelationFields {
    const row: Field[] = []
    const insert: Field[] = []
    const update: Field[] = []
    for (const col of rel.columns) {
      const nullable = this.nullable(rel, col)
      const type = this.types.column(col.typeOid, col.dims) + (nullable ? ' | null' : '')
      const doc = [col.comment, this.types.domainNote(col.typeOid)].filter(Boolean).join(' — ') || undefined
      row.push({ name: col.name, type, optional: false, ...(doc ? { doc } : {}) })
      // A view column that copies no table column: writable only through an INSTEAD OF trigger, so optional.
      const written = isView(rel) ? this.tableColumn(rel, col) : col
      if (written?.generated || col.generated) continue
      if (written?.identity === 'a') {
        insert.push({ name: col.name, type: 'never', optional: true })
        update.push({ name: col.name, type: 'never', optional: true })
        continue
      }
      const optional = !written || nullable || col.hasDefault || written.hasDefault || written.identity !== ''
      insert.push({ name: col.name, type, optional })
      update.push({ name: col.name, type, optional: true })
    }
    return { row, insert: rel.insertable ? insert : null, update: rel.updatable ? update : null }
  }
}
