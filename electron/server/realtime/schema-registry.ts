// realtime/schema-registry.ts — which tables deliver change events (realtime.schema_registry, as upstream), kept in
// memory. The fan-out applies the registry's own change events in stream order, so enabling a table takes effect
// exactly from the next committed change; the admin API also updates it directly so its answers are immediate.
import type { Pool } from 'pg'
import type { ChangeEvent } from './change-event.js'

export type RowEvent = 'INSERT' | 'UPDATE' | 'DELETE'
export const ROW_EVENTS: RowEvent[] = ['INSERT', 'UPDATE', 'DELETE']

export interface RegistryEntry {
  id: number
  schema: string
  table: string
  realtime_enabled: boolean
  events: RowEvent[]
  excluded_columns: string[]
  created_at: string
  updated_at: string
}

const SELECT_ENTRIES = `SELECT id, schema_name AS schema, table_name AS "table", realtime_enabled, events, excluded_columns,
  to_jsonb(created_at) #>> '{}' AS created_at, to_jsonb(updated_at) #>> '{}' AS updated_at FROM realtime.schema_registry`

function fromRow(row: Record<string, unknown>): RegistryEntry {
  return {
    id: Number(row.id),
    schema: String(row.schema ?? row.schema_name),
    table: String(row.table ?? row.table_name),
    realtime_enabled: row.realtime_enabled === true,
    events: ((row.events as string[] | null) ?? []).filter((e): e is RowEvent => (ROW_EVENTS as string[]).includes(e)),
    excluded_columns: (row.excluded_columns as string[] | null) ?? [],
    created_at: String(row.created_at ?? ''),
    updated_at: String(row.updated_at ?? ''),
  }
}

export function tableKey(schema: string, table: string): string {
  return `${schema}\u0000${table}`
}

export function createSchemaRegistry() {
  const entries = new Map<string, RegistryEntry>()

  function put(entry: RegistryEntry): void {
    entries.set(tableKey(entry.schema, entry.table), entry)
  }

  return {
    async load(admin: Pool): Promise<void> {
      const { rows } = await admin.query(SELECT_ENTRIES)
      entries.clear()
      for (const row of rows) put(fromRow(row))
    },
    put,
    /** The entry if the table delivers at all (enabled). */
    enabled(schema: string, table: string): RegistryEntry | undefined {
      const e = entries.get(tableKey(schema, table))
      return e?.realtime_enabled ? e : undefined
    },
    get(schema: string, table: string): RegistryEntry | undefined {
      return entries.get(tableKey(schema, table))
    },
    list(): RegistryEntry[] {
      return [...entries.values()].sort((a, b) => (a.schema + '.' + a.table).localeCompare(b.schema + '.' + b.table))
    },
    /** True if the event was a change to the registry itself (and has been applied). */
    applyChange(event: ChangeEvent): boolean {
      if (event.schema !== 'realtime' || event.table !== 'schema_registry') return false
      if (event.type === 'TRUNCATE') entries.clear()
      // The registry keeps the default replica identity: old rows carry only the id.
      const oldId = event.old_record ? Number(event.old_record.id) : undefined
      if (oldId !== undefined && (event.type === 'DELETE' || event.type === 'UPDATE')) {
        for (const [key, e] of entries) if (e.id === oldId) entries.delete(key)
      }
      if (event.record && (event.type === 'INSERT' || event.type === 'UPDATE')) put(fromRow(event.record))
      return true
    },
  }
}

export type SchemaRegistry = ReturnType<typeof createSchemaRegistry>

export { SELECT_ENTRIES, fromRow as registryEntryFromRow }
