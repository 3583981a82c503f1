// rest/execute/execute-write.ts — runs a WritePlan's statement. With RETURNING the body is the JSON PostgreSQL
// built over the written rows; without (return=minimal|headers-only) only the command's row count comes back.
import type { Pool } from 'pg'
import type { Identity } from '../../identity.js'
import type { WritePlan } from '../plan/plan-types.js'
import { buildWrite } from '../sql/build-write.js'
import { runStatements, type RunOptions } from './run-statements.js'

export interface WriteOutcome {
  body?: string
  affected: number
}

export async function executeWrite(pool: Pool, identity: Identity, plan: WritePlan, options: RunOptions = {}): Promise<WriteOutcome> {
  const sql = buildWrite(plan)
  const [result] = await runStatements(pool, identity, [{ text: sql.text, values: sql.values }], options)
  if (plan.returning.mode === 'none') return { affected: result.rowCount }
  const row = result.rows[0] ?? ['[]', '0']
  return { body: row[0] ?? '[]', affected: Number(row[1] ?? 0) }
}
