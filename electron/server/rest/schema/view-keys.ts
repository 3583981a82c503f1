// rest/schema/view-keys.ts — keys and foreign keys for simple views, so embedding works through them as PostgREST
// allows: a view that reads exactly one table exposes that table's primary key, unique keys and foreign keys (both
// directions) for the columns it passes through unchanged (same name, same type). Views over joins get none.
import type { ForeignKey, Relation } from './schema-types.js'

export interface ViewSourceRow {
  view_oid: string
  table_oid: string
}

/** Returns the table FKs plus the ones inferred for views; also sets views' primary and unique keys. */
export function inferViewKeys(byOid: Map<number, Relation>, tableFks: ForeignKey[], sources: ViewSourceRow[]): ForeignKey[] {
  const sourcesOf = new Map<number, number[]>()
  for (const s of sources) {
    const list = sourcesOf.get(Number(s.view_oid)) ?? []
    list.push(Number(s.table_oid))
    sourcesOf.set(Number(s.view_oid), list)
  }
  const out = [...tableFks]
  for (const [viewOid, tables] of sourcesOf) {
    if (tables.length !== 1) continue
    const view = byOid.get(viewOid)
    const table = byOid.get(tables[0])
    if (!view || !table) continue
    const passes = (cols: string[]) =>
      cols.every((c) => {
        const v = view.columnsByName.get(c)
        const t = table.columnsByName.get(c)
        return v !== undefined && t !== undefined && v.typeOid === t.typeOid
      })
    if (table.primaryKey.length && passes(table.primaryKey)) view.primaryKey = [...table.primaryKey]
    view.uniqueKeys = table.uniqueKeys.filter(passes).map((k) => [...k])
    for (const fk of tableFks) {
      if (fk.from.schema === table.schema && fk.from.table === table.name && passes(fk.from.columns)) {
        out.push({ name: fk.name, from: { schema: view.schema, table: view.name, columns: fk.from.columns }, to: fk.to })
      }
      if (fk.to.schema === table.schema && fk.to.table === table.name && passes(fk.to.columns)) {
        out.push({ name: fk.name, from: fk.from, to: { schema: view.schema, table: view.name, columns: fk.to.columns } })
      }
    }
  }
  return out
}
