// realtime/rls-checker.ts — "may this identity SELECT these rows?" for a batch of changes: one transaction and one
// round trip per identity (postgres/with-identity.ts, the same role + claims + app.* settings as REST), one statement
// per table, on a small pool of its own. Anything that fails to check counts as not visible.
import type { Pool } from 'pg'
import type { Identity } from '../identity.js'
import type { LogBus } from '../logs/log-bus.js'
import { queryAsIdentity, type PipelineError } from '../postgres/with-identity.js'
import type { ChangeEvent } from './change-event.js'
import type { PolicyCatalog } from './policy-catalog.js'
import { buildVisibilitySql } from './visibility-sql.js'

export interface RlsChecker {
  /** One boolean per event, in order. */
  visible(identity: Identity, events: ChangeEvent[]): Promise<boolean[]>
}

/** The row a subscriber's access is judged on: the new row, or for a DELETE the row as it was. */
export function rowForCheck(event: ChangeEvent): Record<string, unknown> | null {
  return event.type === 'DELETE' ? event.old_record : event.record
}

export function createRlsChecker(pool: Pool, catalog: PolicyCatalog, logs: LogBus): RlsChecker {
  const lastWarned = new Map<string, number>()
  function warn(key: string, message: string): void {
    const now = Date.now()
    if ((lastWarned.get(key) ?? 0) > now - 60_000) return
    lastWarned.set(key, now)
    logs.log({ category: 'realtime', level: 'warn', component: 'rls', message })
  }

  return {
    async visible(identity, events) {
      const result = events.map(() => false)
      const byTable = new Map<number, number[]>()
      events.forEach((e, i) => {
        const list = byTable.get(e.relationOid)
        if (list) list.push(i)
        else byTable.set(e.relationOid, [i])
      })
      // Catalog first, so a transaction holds its connection only for the checks themselves.
      const plans: { oid: number; indexes: number[]; text: string }[] = []
      for (const [oid, indexes] of byTable) {
        try {
          const policies = await catalog.get(oid, identity.dbRole)
          if (!policies) continue
          const text = buildVisibilitySql(policies)
          plans.push({ oid, indexes, text })
        } catch (err) {
          warn(`catalog:${oid}`, `realtime could not read the policies of table ${oid}: ${(err as Error).message}`)
        }
      }
      // One round trip: identity set-up and every table's statement, pipelined in one implicit transaction. A
      // statement that fails takes the batch with it: drop that table (not visible) and run the others again.
      let pending = plans
      while (pending.length) {
        try {
          const results = await queryAsIdentity(
            pool,
            identity,
            pending.map((plan) => ({ text: plan.text, values: [JSON.stringify(plan.indexes.map((i) => rowForCheck(events[i]) ?? {})), plan.oid] })),
          )
          results.forEach((r, k) => {
            for (const row of r.rows) result[pending[k].indexes[Number(row[0]) - 1]] = true
          })
          pending = []
        } catch (err) {
          const k = (err as PipelineError).statementIndex
          const failed = k !== undefined && k >= 0 ? pending[k] : undefined
          const e = failed ? events[failed.indexes[0]] : undefined
          warn(failed ? `check:${failed.oid}:${identity.dbRole}` : 'tx', e ? `realtime could not check access to ${e.schema}.${e.table} as ${identity.dbRole}: ${(err as Error).message}` : `realtime access checks failed: ${(err as Error).message}`)
          pending = failed ? pending.filter((p) => p !== failed) : []
        }
      }
      return result
    },
  }
}
