// realtime/rls-checker.ts — "may this identity SELECT these rows?" for a batch of changes: one transaction per
// identity (postgres/with-identity.ts, the same role + claims + app.* settings as REST), one statement per table,
// on a small pool of its own. Anything that fails to check counts as not visible.
import crypto from 'node:crypto'
import type { Pool } from 'pg'
import type { Identity } from '../identity.js'
import type { LogBus } from '../logs/log-bus.js'
import { withIdentity } from '../postgres/with-identity.js'
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
      const plans: { oid: number; indexes: number[]; name: string; text: string }[] = []
      for (const [oid, indexes] of byTable) {
        try {
          const policies = await catalog.get(oid, identity.dbRole)
          if (!policies) continue
          const text = buildVisibilitySql(policies)
          const name = 'fluxbase_rt_' + crypto.createHash('sha1').update(text).digest('hex').slice(0, 16)
          plans.push({ oid, indexes, name, text })
        } catch (err) {
          warn(`catalog:${oid}`, `realtime could not read the policies of table ${oid}: ${(err as Error).message}`)
        }
      }
      if (!plans.length) return result
      try {
        await withIdentity(pool, identity, async (client) => {
          // Savepoints only when one table's failure must not take the others' answers with it.
          const guarded = plans.length > 1
          for (const plan of plans) {
            const rows = plan.indexes.map((i) => rowForCheck(events[i]) ?? {})
            if (guarded) await client.query('SAVEPOINT fluxbase_rt')
            try {
              const { rows: visible } = await client.query<{ ord: number }>({ name: plan.name, text: plan.text, values: [JSON.stringify(rows), plan.oid] })
              for (const v of visible) result[plan.indexes[Number(v.ord) - 1]] = true
              if (guarded) await client.query('RELEASE SAVEPOINT fluxbase_rt')
            } catch (err) {
              const e = events[plan.indexes[0]]
              warn(`check:${plan.oid}:${identity.dbRole}`, `realtime could not check access to ${e.schema}.${e.table} as ${identity.dbRole}: ${(err as Error).message}`)
              if (!guarded) throw err
              await client.query('ROLLBACK TO SAVEPOINT fluxbase_rt')
            }
          }
        })
      } catch (err) {
        warn('tx', `realtime access checks failed: ${(err as Error).message}`)
      }
      return result
    },
  }
}
