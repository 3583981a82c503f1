// rest/sql/planned-statements.ts — every statement the executor may run for a plan (the read, the planner's count
// estimate, the exact count of count=estimated; or the write). The fuzz test holds PostgreSQL's statement log to it.
import type { ReadPlan, WritePlan } from '../plan/plan-types.js'
import { buildExactCount, buildPlannedCount, buildRead } from './build-read.js'
import { buildWrite } from './build-write.js'
import type { Sql } from './sql-params.js'

export function plannedStatements(plan: ReadPlan | WritePlan): Sql[] {
  if (plan.kind !== 'read') return [buildWrite(plan)]
  return [buildRead(plan), buildPlannedCount(plan.node), buildExactCount(plan.node)]
}
