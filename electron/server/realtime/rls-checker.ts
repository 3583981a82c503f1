// realtime/rls-checker.ts — "may these identities SELECT these rows?" for a batch of changes, in one round trip:
// postgres/with-identity.ts's pipelined transaction, starting as the first identity; each further identity gets the
// same set-up statement (role + request.jwt.claims + app.* settings, transaction-local, re-set in place) before its
// own checks. One statement per (identity, table); a small pool of its own; never a connection per subscriber.
// Anything that fails to check counts as not visible.
import type { Pool } from 'pg'
import type { Identity } from '../identity.js'
import type { LogBus } from '../logs/log-bus.js'
import { IDENTITY_SETUP_SQL, identitySetupValues, queryAsIdentity, type PipelineError, type PipelineStatement } from '../postgres/with-identity.js'
import type { ChangeEvent } from './change-event.js'
import type { PolicyCatalog } from './policy-catalog.js'
import { buildVisibilitySql } from './visibility-sql.js'

export interface CheckGroup {
  identity: Identity
  events: ChangeEvent[]
}

export interface RlsChecker {
  /** For each group, one boolean per event, in order. */
  visible(groups: CheckGroup[]): Promise<boolean[][]>
}

/** The row a subscriber's access is judged on: the new row, or for a DELETE the row as it was. */
export function rowForCheck(event: ChangeEvent): Record<string, unknown> | null {
  return event.type === 'DELETE' ? event.old_record : event.record
}

interface Plan {
  group: number
  oid: number
  indexes: number[]
  text: string
}

/** Round trips one batch's checks are spread over: PostgreSQL runs them on as many backends (cores) at once. */
const PARALLEL_TRIPS = 3
/** Fewer identities than this per trip would spend more on the trip than the checks. */
const MIN_IDENTITIES_PER_TRIP = 4

export function createRlsChecker(pool: Pool, catalog: PolicyCatalog, logs: LogBus): RlsChecker {
  const lastWarned = new Map<string, number>()
  function warn(key: string, message: string): void {
    const now = Date.now()
    if ((lastWarned.get(key) ?? 0) > now - 60_000) return
    lastWarned.set(key, now)
    logs.log({ category: 'realtime', level: 'warn', component: 'rls', message })
  }

  async function plansFor(groups: CheckGroup[], g: number): Promise<Plan[]> {
    const { identity, events } = groups[g]
    const byTable = new Map<number, number[]>()
    events.forEach((e, i) => {
      const list = byTable.get(e.relationOid)
      if (list) list.push(i)
      else byTable.set(e.relationOid, [i])
    })
    const plans: Plan[] = []
    for (const [oid, indexes] of byTable) {
      try {
        const policies = await catalog.get(oid, identity.dbRole)
        if (policies) plans.push({ group: g, oid, indexes, text: buildVisibilitySql(policies) })
      } catch (err) {
        warn(`catalog:${oid}`, `realtime could not read the policies of table ${oid}: ${(err as Error).message}`)
      }
    }
    return plans
  }

  /** Runs the plans of several identities in one pipelined transaction; drops whatever fails and retries the rest. */
  async function runTrip(groups: CheckGroup[], plans: Plan[], result: boolean[][]): Promise<void> {
    let pending = plans
    while (pending.length) {
      const statements: PipelineStatement[] = []
      const owner: (Plan | number)[] = [] // per statement: the plan it checks, or the group whose identity it sets up
      let current = pending[0].group
      for (const plan of pending) {
        if (plan.group !== current) {
          current = plan.group
          statements.push({ text: IDENTITY_SETUP_SQL, values: identitySetupValues(groups[current].identity) })
          owner.push(current)
        }
        const rows = plan.indexes.map((i) => rowForCheck(groups[plan.group].events[i]) ?? {})
        statements.push({ text: plan.text, values: [JSON.stringify(rows), plan.oid] })
        owner.push(plan)
      }
      try {
        const results = await queryAsIdentity(pool, groups[pending[0].group].identity, statements)
        results.forEach((r, k) => {
          const plan = owner[k]
          if (typeof plan === 'number') return
          for (const row of r.rows) result[plan.group][plan.indexes[Number(row[0]) - 1]] = true
        })
        return
      } catch (err) {
        const k = (err as PipelineError).statementIndex
        const culprit = k !== undefined && k >= 0 ? owner[k] : undefined
        if (culprit === undefined) {
          warn('trip', `realtime access checks failed: ${(err as Error).message}`)
          return
        }
        const plan = typeof culprit === 'number' ? undefined : culprit
        const group = typeof culprit === 'number' ? culprit : culprit.group
        const e = plan ? groups[group].events[plan.indexes[0]] : undefined
        warn(
          plan ? `check:${plan.oid}:${groups[group].identity.dbRole}` : 'setup',
          e ? `realtime could not check access to ${e.schema}.${e.table} as ${groups[group].identity.dbRole}: ${(err as Error).message}` : `realtime could not take on an identity: ${(err as Error).message}`,
        )
        pending = pending.filter((p) => (plan ? p !== plan : p.group !== group))
      }
    }
  }

  return {
    async visible(groups) {
      const result = groups.map((g) => g.events.map(() => false))
      // Catalog first (cached), so a transaction holds its connection only for the checks themselves.
      const plans = (await Promise.all(groups.map((_, g) => plansFor(groups, g)))).flat()
      const perTrip = Math.max(MIN_IDENTITIES_PER_TRIP, Math.ceil(groups.length / PARALLEL_TRIPS))
      const trips: Plan[][] = []
      let trip: Plan[] = []
      let identities = 0
      for (const plan of plans) {
        if (trip.length && trip[trip.length - 1].group !== plan.group && ++identities >= perTrip) {
          trips.push(trip)
          trip = []
          identities = 0
        }
        trip.push(plan)
      }
      if (trip.length) trips.push(trip)
      await Promise.all(trips.map((t) => runTrip(groups, t, result)))
      return result
    },
  }
}
