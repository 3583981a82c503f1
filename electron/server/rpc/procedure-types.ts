// rpc/procedure-types.ts — a named procedure of the registry (rpc.procedures, contract §2), as the executor and
// the annotation parser see it.

export interface ProcedureDefinition {
  namespace: string
  name: string
  description?: string
  sqlQuery: string
  originalCode?: string
  /** `{ "user_id": "uuid", "limit?": "integer" }` — a trailing `?` marks an optional field. */
  inputSchema?: Record<string, string>
  outputSchema?: Record<string, string>
  isPublic: boolean
  requireRole?: string[]
  allowedTables: string[]
  allowedSchemas: string[]
  maxExecutionTimeSeconds: number
  disableExecutionLogs: boolean
  enabled: boolean
  version: number
}

export interface Procedure extends ProcedureDefinition {
  id: string
  source: string
  updatedAt: string
}
