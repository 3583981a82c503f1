// postgres/plan-reuse.ts — when a prepared statement may skip PostgreSQL's re-planning. Used by with-identity.ts:
// each request's batch asks `genericAllowed`, and reports what it ran to `observe`, which now and then compares,
// in the background, the plan PostgreSQL makes for the request's values with the generic plan for any values.
//
// Why: in its default mode (plan_cache_mode = auto) PostgreSQL re-plans a prepared statement for every execution
// unless the generic plan's *estimated* cost is close to the custom plans'. For the API's typical statement
// (`… WHERE col >= $1 ORDER BY … LIMIT $2` under an RLS policy) the generic plan's estimate is always higher —
// an unknown LIMIT and an unknown filter value look worse — so it re-plans every time, although it arrives at the
// very same plan. Planning cost more than executing (~170 µs of ~340 µs of the backend's CPU for a page of 20).
// So: a statement whose custom plans and generic plan have the same shape (the same nodes, relations, indexes,
// join types and the same kinds of conditions) runs with its generic plan; one whose plans ever differ keeps
// PostgreSQL's choice. The shapes are compared again at growing intervals with other requests' values, and
// every choice is forgotten when the schema changes.
import type { Pool, PoolClient } from 'pg'

/** A statement as the pipeline runs it (see with-identity.ts). */
export interface ObservedStatement {
  text: string
  values?: unknown[]
  types?: number[]
  prepare?: boolean
}

export type Verdict = 'unknown' | 'generic' | 'custom'

interface Choice {
  runs: number
  agreements: number
  verdict: Verdict
}

/** Executions after which the plans are compared (then every CHECK_EVERY). */
const CHECK_AT = [3, 10, 30, 100, 300, 1000]
const CHECK_EVERY = 1000
/** Comparisons that must agree before the generic plan is used. */
const AGREEMENTS_NEEDED = 2
/** Statement texts remembered per role (the oldest forgotten first). */
const MAX_CHOICES = 5000

/** Plan keys whose values are expressions: only whether they are there counts (the values differ by $n vs constants). */
const EXPRESSION_KEYS = new Set([
  'Index Cond', 'Recheck Cond', 'Filter', 'Join Filter', 'Hash Cond', 'Merge Cond', 'One-Time Filter', 'TID Cond',
  'Order By', 'Sort Key', 'Presorted Key', 'Group Key', 'Grouping Sets', 'Hash Key', 'Output', 'Cache Key', 'Run Condition',
  'Function Call', 'Table Function Call', 'Conflict Filter', 'Conflict Arbiter Indexes', 'Repeatable Seed', 'Sampling Parameters',
])

/**
 * The plan without what legitimately differs between a custom and a generic plan of the same shape: expression
 * texts (constants vs $n). Everything else — node types, relations, indexes, strategies, directions, the number and
 * order of children, which kinds of conditions each node checks — must match.
 */
export function planShape(plan: unknown): unknown {
  if (Array.isArray(plan)) return plan.map(planShape)
  if (plan === null || typeof plan !== 'object') return plan
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(plan as Record<string, unknown>)) {
    out[k] = EXPRESSION_KEYS.has(k) ? true : planShape(v)
  }
  return out
}

/** The JSON plan of `EXPLAIN (FORMAT JSON)`: one row, one column, as text or already parsed. */
function explainedPlan(rows: unknown[][]): unknown {
  const cell = rows[0]?.[0]
  return typeof cell === 'string' ? JSON.parse(cell) : cell
}

export interface PlanReuse {
  /** Whether every preparable statement of a batch run as `role` may use its generic plan. */
  genericAllowed(role: string, statements: ObservedStatement[]): boolean
  /** Counts a successful run; may start a comparison in the background (`compare` runs it on a connection). */
  observe(role: string, statements: ObservedStatement[], compare: (check: (client: PoolClient) => Promise<void>) => Promise<void>): void
  /** What was decided for statements with this text run as `role` (for tests and diagnostics). */
  verdict(role: string, text: string): Verdict
  /** Forgets every choice (after DDL: other indexes, other plans). */
  forget(): void
}

/**
 * Only named, parameterised statements without explicit parameter types have a plan cache worth choosing for; an
 * EXPLAIN (count=planned's estimate) is a utility statement, planned afresh whatever the setting.
 */
function eligible(st: ObservedStatement): boolean {
  return st.prepare !== false && (st.values?.length ?? 0) > 0 && !st.types?.some((t) => t !== 0) && !/^\s*explain\b/i.test(st.text)
}

export function createPlanReuse(): PlanReuse {
  // Plans depend on the role (its RLS policies), not on the user: one choice per role and statement text. Nested
  // maps rather than a joined key: this is looked up twice per request, and the texts are a few hundred characters.
  const choices = new Map<string, Map<string, Choice>>()
  let comparing = false

  const lookup = (role: string, text: string): Choice | undefined => choices.get(role)?.get(text)

  const choiceFor = (role: string, text: string): Choice => {
    let forRole = choices.get(role)
    if (!forRole) choices.set(role, (forRole = new Map()))
    let c = forRole.get(text)
    if (!c) {
      if (forRole.size >= MAX_CHOICES) forRole.delete(forRole.keys().next().value as string)
      c = { runs: 0, agreements: 0, verdict: 'unknown' }
      forRole.set(text, c)
    }
    return c
  }

  const due = (runs: number) => CHECK_AT.includes(runs) || (runs > CHECK_AT[CHECK_AT.length - 1] && runs % CHECK_EVERY === 0)

  async function compareOne(client: PoolClient, st: ObservedStatement, choice: Choice): Promise<void> {
    // With the request's values (what plan_cache_mode = auto would run), then for any values. GENERIC_PLAN goes by
    // the simple protocol: bound values would be planned in. Both infer the parameters' types the same way.
    const custom = await client.query({ text: `EXPLAIN (COSTS OFF, FORMAT JSON) ${st.text}`, values: st.values, rowMode: 'array' })
    const generic = await client.query({ text: `EXPLAIN (GENERIC_PLAN, COSTS OFF, FORMAT JSON) ${st.text}`, rowMode: 'array' })
    const same = JSON.stringify(planShape(explainedPlan(custom.rows))) === JSON.stringify(planShape(explainedPlan(generic.rows)))
    if (!same) {
      choice.verdict = 'custom'
      return
    }
    choice.agreements++
    if (choice.agreements >= AGREEMENTS_NEEDED) choice.verdict = 'generic'
  }

  return {
    genericAllowed(role, statements) {
      let any = false
      for (const st of statements) {
        if (!eligible(st)) continue
        if (lookup(role, st.text)?.verdict !== 'generic') return false
        any = true
      }
      return any
    },
    observe(role, statements, compare) {
      const toCompare: Array<[ObservedStatement, Choice]> = []
      for (const st of statements) {
        if (!eligible(st)) continue
        const choice = choiceFor(role, st.text)
        choice.runs++
        if (choice.verdict !== 'custom' && due(choice.runs)) toCompare.push([st, choice])
      }
      // One comparison at a time for the whole runtime: a missed turn is taken at the next interval.
      if (!toCompare.length || comparing) return
      comparing = true
      void (async () => {
        // Each in its own transaction: a statement EXPLAIN cannot take must not spoil its neighbours' turns.
        for (const [st, choice] of toCompare) {
          try {
            await compare((client) => compareOne(client, st, choice))
          } catch {
            // PostgreSQL before 16 (no GENERIC_PLAN), or a statement EXPLAIN cannot take: keep PostgreSQL's choice.
            choice.verdict = 'custom'
          }
        }
      })().finally(() => {
        comparing = false
      })
    },
    verdict(role, text) {
      return lookup(role, text)?.verdict ?? 'unknown'
    },
    forget() {
      choices.clear()
    },
  }
}

const perPool = new WeakMap<Pool, PlanReuse>()

/** The plan choices for statements run on `pool` (one set per database). */
export function planReuseFor(pool: Pool): PlanReuse {
  let r = perPool.get(pool)
  if (!r) {
    r = createPlanReuse()
    perPool.set(pool, r)
  }
  return r
}
