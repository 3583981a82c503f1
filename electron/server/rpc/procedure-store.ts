// rpc/procedure-store.ts — the registry table rpc.procedures (superuser pool: API roles have no access): look up,
// list, and upsert definitions, e.g. from a project's .sql files (sync-procedure-files.ts).
import type { Pool } from 'pg'
import type { Procedure, ProcedureDefinition } from './procedure-types.js'

interface Row {
  id: string; namespace: string; name: string; description: string | null; sql_query: string; original_code: string | null
  input_schema: Record<string, string> | null; output_schema: Record<string, string> | null; is_public: boolean; require_role: string[] | null
  allowed_tables: string[]; allowed_schemas: string[]; max_execution_time_seconds: number; disable_execution_logs: boolean
  enabled: boolean; version: number; source: string; updated_at: Date
}

const COLUMNS = `id, namespace, name, description, sql_query, original_code, input_schema, output_schema, is_public, require_role,
  allowed_tables, allowed_schemas, max_execution_time_seconds, disable_execution_logs, enabled, version, source, updated_at`

function fromRow(r: Row): Procedure {
  return {
    id: r.id, namespace: r.namespace, name: r.name, description: r.description ?? undefined, sqlQuery: r.sql_query,
    originalCode: r.original_code ?? undefined, inputSchema: r.input_schema ?? undefined, outputSchema: r.output_schema ?? undefined,
    isPublic: r.is_public, requireRole: r.require_role ?? undefined, allowedTables: r.allowed_tables, allowedSchemas: r.allowed_schemas,
    maxExecutionTimeSeconds: r.max_execution_time_seconds, disableExecutionLogs: r.disable_execution_logs, enabled: r.enabled,
    version: r.version, source: r.source, updatedAt: new Date(r.updated_at).toISOString(),
  }
}

export function procedureJson(p: Procedure): Record<string, unknown> {
  return {
    id: p.id, namespace: p.namespace, name: p.name, description: p.description ?? null, input_schema: p.inputSchema ?? null,
    output_schema: p.outputSchema ?? null, is_public: p.isPublic, require_role: p.requireRole ?? null, allowed_tables: p.allowedTables,
    allowed_schemas: p.allowedSchemas, max_execution_time_seconds: p.maxExecutionTimeSeconds, enabled: p.enabled, version: p.version,
    source: p.source, updated_at: p.updatedAt,
  }
}

export async function getProcedure(admin: Pool, namespace: string, name: string): Promise<Procedure | undefined> {
  const { rows } = await admin.query<Row>(`SELECT ${COLUMNS} FROM rpc.procedures WHERE namespace = $1 AND name = $2`, [namespace, name])
  return rows[0] ? fromRow(rows[0]) : undefined
}

export async function listProcedures(admin: Pool, namespace?: string): Promise<Procedure[]> {
  const { rows } = await admin.query<Row>(
    `SELECT ${COLUMNS} FROM rpc.procedures WHERE ($1::text IS NULL OR namespace = $1) ORDER BY namespace, name`, [namespace ?? null])
  return rows.map(fromRow)
}

export async function upsertProcedure(admin: Pool, def: ProcedureDefinition, source = 'api'): Promise<Procedure> {
  const { rows } = await admin.query<Row>(
    `INSERT INTO rpc.procedures (namespace, name, description, sql_query, original_code, input_schema, output_schema, is_public, require_role,
       allowed_tables, allowed_schemas, max_execution_time_seconds, disable_execution_logs, enabled, version, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (namespace, name) DO UPDATE SET description = EXCLUDED.description, sql_query = EXCLUDED.sql_query,
       original_code = EXCLUDED.original_code, input_schema = EXCLUDED.input_schema, output_schema = EXCLUDED.output_schema,
       is_public = EXCLUDED.is_public, require_role = EXCLUDED.require_role, allowed_tables = EXCLUDED.allowed_tables,
       allowed_schemas = EXCLUDED.allowed_schemas, max_execution_time_seconds = EXCLUDED.max_execution_time_seconds,
       disable_execution_logs = EXCLUDED.disable_execution_logs, enabled = EXCLUDED.enabled, version = EXCLUDED.version,
       source = EXCLUDED.source, updated_at = now()
     RETURNING ${COLUMNS}`,
    [
      def.namespace, def.name, def.description ?? null, def.sqlQuery, def.originalCode ?? null,
      def.inputSchema ? JSON.stringify(def.inputSchema) : null, def.outputSchema ? JSON.stringify(def.outputSchema) : null,
      def.isPublic, def.requireRole ?? null, def.allowedTables, def.allowedSchemas, def.maxExecutionTimeSeconds,
      def.disableExecutionLogs, def.enabled, def.version, source,
    ],
  )
  return fromRow(rows[0])
}

export async function deleteProcedure(admin: Pool, namespace: string, name: string): Promise<boolean> {
  const { rowCount } = await admin.query('DELETE FROM rpc.procedures WHERE namespace = $1 AND name = $2', [namespace, name])
  return (rowCount ?? 0) > 0
}
