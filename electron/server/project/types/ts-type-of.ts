// project/types/ts-type-of.ts — a PostgreSQL type → the TypeScript type of its value as the REST API sends it. The
// API renders rows with PostgreSQL's own to_json (json_agg), so this follows to_json's rules: int2/int4/int8, float4/8,
// numeric and oid are JSON numbers (int8 and numeric too: no quoting), bool a boolean, json/jsonb any JSON, arrays JSON
// arrays, composites objects, a user type with a cast to json whatever that cast makes, and everything else (text,
// uuid, dates and times, bytea, money, intervals, ranges, geometric, network and bit types, vector…) a string. Pure.
import type { CatalogType } from './types-catalog.js'

// Not oid: to_json quotes it.
const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric'])

export interface TypeNaming {
  /** The exported alias of an enum or composite type (`Mood`, `Address`). */
  named(type: CatalogType): string | undefined
  /** The Row type of a table or view whose row type is used as a value type. */
  rowOf(relationOid: number): string | undefined
}

export class TsTypeMapper {
  private readonly byOid: Map<number, CatalogType>

  constructor(
    types: CatalogType[],
    private readonly naming: TypeNaming,
  ) {
    this.byOid = new Map(types.map((t) => [t.oid, t]))
  }

  type(oid: number): CatalogType | undefined {
    return this.byOid.get(oid)
  }

  /** The TypeScript type of a non-null value of this type. */
  of(oid: number, depth = 0): string {
    const t = this.byOid.get(oid)
    if (!t || depth > 20) return 'unknown'
    if (t.hasJsonCast) return 'Json'
    switch (t.kind) {
      case 'domain':
        return this.of(t.baseOid ?? 0, depth + 1)
      case 'enum':
        return this.naming.named(t) ?? ((t.labels ?? []).map((l) => JSON.stringify(l)).join(' | ') || 'string')
      case 'array':
        // PostgreSQL arrays may hold NULLs, whatever the column's NOT NULL says.
        return arrayOf(`${this.of(t.elementOid ?? 0, depth + 1)} | null`)
      case 'composite':
        if (t.relationOid !== undefined) return this.naming.rowOf(t.relationOid) ?? '{ [key: string]: unknown }'
        return this.naming.named(t) ?? '{ [key: string]: unknown }'
      case 'pseudo':
        if (t.name === 'void') return 'undefined'
        if (t.name === 'record') return '{ [key: string]: unknown }'
        return 'unknown'
      case 'range':
      case 'multirange':
        return 'string'
      default:
        if (t.schema !== 'pg_catalog') return 'string'
        if (NUMBER_TYPES.has(t.name)) return 'number'
        if (t.name === 'bool') return 'boolean'
        if (t.name === 'json' || t.name === 'jsonb') return 'Json'
        return 'string'
    }
  }

  /**
   * A column's type: a column declared with more than one dimension (`text[][]`) gets nested arrays, as to_json
   * renders a two-dimensional value. (PostgreSQL does not enforce the declared dimensions; the declaration is all
   * the catalog knows.)
   */
  column(oid: number, dims = 0): string {
    const t = this.byOid.get(oid)
    const array = t?.kind === 'domain' ? this.byOid.get(t.baseOid ?? 0) : t
    if (dims <= 1 || array?.kind !== 'array') return this.of(oid)
    let out = `${this.of(array.elementOid ?? 0)} | null`
    for (let i = 0; i < dims; i++) out = arrayOf(out)
    return out
  }

  /** A domain's NOT NULL makes a table column of that domain non-null even without the column's own NOT NULL. */
  domainNotNull(oid: number): boolean {
    const t = this.byOid.get(oid)
    return t?.kind === 'domain' && t.notNull === true
  }

  /** `domain public.email over text` for a column typed with a domain (the generated doc comment). */
  domainNote(oid: number): string | undefined {
    const t = this.byOid.get(oid)
    if (t?.kind !== 'domain') return undefined
    const base = this.byOid.get(t.baseOid ?? 0)
    return `domain ${t.schema}.${t.name}${base ? ` over ${base.schema === 'pg_catalog' ? base.name : `${base.schema}.${base.name}`}` : ''}`
  }
}

/** `T[]`, with parentheses around a union (`("a" | "b")[]`, `(string | null)[]`). */
export function arrayOf(element: string): string {
  return /[|&]/.test(element) && !/^[{(]/.test(element) ? `(${element})[]` : `${element}[]`
}
