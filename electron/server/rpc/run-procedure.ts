// rpc/run-procedure.ts — executes a registry procedure as the caller: input checked, `$name`s bound as parameters
// (caller_id / caller_role / caller_email always from the verified identity, never from the body), allowed tables
// checked, statement_timeout from the procedure, all in the caller's RLS transaction (one round trip).
import type { Pool } from 'pg'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { roleStatementTimeout } from '../postgres/with-identity.js'
import { runStatements } from '../rest/execute/run-statements.js'
import type { SchemaCache } from '../rest/schema/schema-types.js'
import { relationKey } from '../rest/schema/schema-types.js'
import { bindNamedParams, literalType } from './named-params.js'
import type { ProcedureDefinition } from './procedure-types.js'
import { checkAllowedRelations } from './referenced-relations.js'
import { rowsToJson } from './rows-to-json.js'
import { validateInput } from './validate-input.js'

export const CALLER_PARAMS = ['caller_id', 'caller_role', 'caller_email']
export const MAX_RESULT_ROWS = 1000

export interface RunResult {
  rows: Array<Record<string, unknown>>
  rowsReturned: number
}

export async function runProcedure(
  pool: Pool,
  cache: SchemaCache,
  proc: ProcedureDefinition,
  identity: Identity,
  params: Record<string, unknown>,
  opts: { requestId?: string; onNotice?: (n: { severity?: string; message: string }) => void },
): Promise<RunResult> {
  validateInput(params, proc.inputSchema, CALLER_PARAMS)
  const all: Record<string, unknown> = {}
  for (const key of Object.keys(proc.inputSchema ?? {})) if (key.endsWith('?')) all[key.slice(0, -1)] = null
  Object.assign(all, params, {
    caller_id: identity.userId,
    caller_role: identity.appRole,
    caller_email: typeof identity.claims.email === 'string' ? identity.claims.email : '',
  })
  checkAllowedRelations(proc.sqlQuery, proc.allowedTables, proc.allowedSchemas, (name) =>
    cache.relations.has(relationKey('public', name)) || !name.startsWith('pg_') ? 'public' : 'pg_catalog')
  const hasVector = cache.types.has('vector')
  const shape = `${proc.sqlQuery}\u0000${JSON.stringify(Object.entries(all).map(([k, v]) => [k, v === null ? 'null' : literalType(v, hasVector)]))}`
  const casts = new Set(learnedCasts.get(shape) ?? [])
  for (;;) {
    const bound = bindNamedParams(proc.sqlQuery, all, { hasVector, textCasts: casts })
    if (bound.values.length > 65535) throw new ApiError(400, 'VALIDATION_ERROR', 'too many parameters')
    try {
      const results = await runStatements(
        pool,
        identity,
        [
          { text: "SELECT set_config('statement_timeout', $1, true)", values: [String(procedureTimeout(pool, identity, proc.maxExecutionTimeSeconds * 1000))] },
          { text: bound.text, values: bound.values, describe: true },
        ],
        opts,
      )
      const result = results[1]
      return { rows: rowsToJson(result, MAX_RESULT_ROWS), rowsReturned: Math.min(result.rows.length, MAX_RESULT_ROWS) }
    } catch (err) {
      // 42P08 is raised while parsing, before anything ran: cast that occurrence to text, as a literal would be.
      const m = /could not determine data type of parameter \$(\d+)/.exec((err as Error).message)
      const k = m ? Number(m[1]) : 0
      if ((err as { code?: string }).code !== '42P08' || !k || casts.has(k)) throw err
      casts.add(k)
      if (learnedCasts.size > 1000) learnedCasts.clear()
      learnedCasts.set(shape, [...casts])
    }
  }
}

const learnedCasts = new Map<string, number[]>()

/** The procedure's own limit, but never longer than its caller's role allows (with-identity.ts). */
function procedureTimeout(pool: Pool, identity: Identity, ownMs: number): number {
  const roleMs = roleStatementTimeout(pool, identity.dbRole)
  return roleMs > 0 && (ownMs <= 0 || roleMs < ownMs) ? roleMs : ownMs
}

