// features/realtime/change-filter.ts — which buffered changes the list shows: by schema, table, event type and free
// text (matched against the table name and both rows' values, case-insensitively); the studio's own writes only when
// asked for. Pure.
import type { CapturedChangeType, InspectorChange } from '../../../../contract/studio-realtime'

export interface ChangeFilters {
  schema: string
  table: string
  /** Empty: every type. */
  types: CapturedChangeType[]
  text: string
  /** Show the studio's own writes (impersonation, passwords, sessions); hidden by default. */
  showInternal: boolean
}

export const NO_FILTERS: ChangeFilters = { schema: '', table: '', types: [], text: '', showInternal: false }

/** Tables the studio itself writes to while it is used (acting as a user, creating users): noise in the feed. */
const INTERNAL_TABLES = new Set(['auth.impersonation_sessions', 'auth.passwords', 'auth.sessions'])

export function isInternalChange(c: Pick<InspectorChange, 'schema' | 'table'>): boolean {
  return INTERNAL_TABLES.has(`${c.schema}.${c.table}`)
}

const searchText = new WeakMap<InspectorChange, string>()

function textOf(c: InspectorChange): string {
  let t = searchText.get(c)
  if (t === undefined) {
    t = `${c.schema}.${c.table} ${c.type} ${JSON.stringify(c.record ?? '')} ${JSON.stringify(c.old_record ?? '')}`.toLowerCase()
    searchText.set(c, t)
  }
  return t
}

export function isFiltered(f: ChangeFilters): boolean {
  return !!(f.schema || f.table || f.types.length || f.text.trim())
}

export function filterChanges(changes: InspectorChange[], f: ChangeFilters): InspectorChange[] {
  if (!isFiltered(f) && (f.showInternal || !changes.some(isInternalChange))) return changes
  const text = f.text.trim().toLowerCase()
  return changes.filter(
    (c) =>
      (f.showInternal || !isInternalChange(c)) &&
      (!f.schema || c.schema === f.schema) &&
      (!f.table || c.table === f.table) &&
      (!f.types.length || f.types.includes(c.type)) &&
      (!text || textOf(c).includes(text)),
  )
}

/** Schemas and tables seen in the buffer, for the filter menus. */
export function seenTables(changes: InspectorChange[]): { schemas: string[]; tables: Array<{ schema: string; table: string }> } {
  const keys = new Map<string, { schema: string; table: string }>()
  for (const c of changes) if (c.table) keys.set(`${c.schema}.${c.table}`, { schema: c.schema, table: c.table })
  const tables = [...keys.values()].sort((a, b) => `${a.schema}.${a.table}`.localeCompare(`${b.schema}.${b.table}`))
  return { schemas: [...new Set(tables.map((t) => t.schema))], tables }
}
