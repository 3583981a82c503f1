// rest/execute/execute-read.ts — runs a ReadPlan: the statement from build-read, plus the planner's estimate for
// count=planned|estimated (EXPLAIN in the same round trip). Returns the JSON body text PostgreSQL built.
import type { Pool } from 'pg'
import type { Identity } from '../../identity.js'
import type { ReadPlan } from '../plan/plan-types.js'
import { buildExactCount, buildPlannedCount, buildRead } from '../sql/build-read.js'
import { runStatements, type RunOptions } from './run-statements.js'

export interface ReadOutcome {
  body: string
  /** Rows in the body. */
  n: number
  /** The total for Content-Range, when a count was asked for. */
  total?: number
}

function planRows(explainJson: string | null): number {
  try {
    const plan = JSON.parse(explainJson ?? '[]') as Array<{ Plan?: { 'Plan Rows'?: number } }>
    return Math.max(0, Math.round(plan[0]?.Plan?.['Plan Rows'] ?? 0))
  } catch {
    return 0
  }
}

export async function executeRead(pool: Pool, identity: Identity, plan: ReadPlan, options: RunOptions & { maxPageSize: number }): Promise<ReadOutcome> {
  const main = buildRead(plan)
  const estimate = plan.count === 'planned' || plan.count === 'estimated'
  const statements = estimate ? [buildPlannedCount(plan.node), main] : [main]
  const results = await runStatements(pool, identity, statements, options)
  const row = results[results.length - 1].rows[0] ?? ['[]', '0', null]
  const outcome: ReadOutcome = { body: row[0] ?? '[]', n: Number(row[1] ?? 0) }
  if (plan.count === 'exact') outcome.total = Number(row[2] ?? 0)
  if (estimate) {
    const planned = planRows(results[0].rows[0]?.[0] ?? null)
    const offset = plan.node.offset ?? 0
    const limit = plan.node.limit ?? Infinity
    if (plan.count === 'planned') {
      outcome.total = planned
    } else if (outcome.n < limit && (outcome.n > 0 || offset === 0)) {
      // The page reached the end: the exact total is known for free.
      outcome.total = offset + outcome.n
    } else if (planned < options.maxPageSize) {
      // PostgREST's "estimated": exact below the page-size threshold, the planner's figure above it.
      const exact = await runStatements(pool, identity, [buildExactCount(plan.node)], options)
      outcome.total = Number(exact[0].rows[0]?.[0] ?? 0)
    } else {
      outcome.total = Math.max(planned, offset + outcome.n)
    }
  }
  return outcome
}
