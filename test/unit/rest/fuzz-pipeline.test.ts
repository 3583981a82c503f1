// Property test of the pure stages: thousands of random and hostile query strings (and bodies) through parser →
// planner → SQL builder. Each either fails with a 4xx ApiError or yields SQL that carries no request text outside
// quoted identifiers: values are parameters, every parameter is used, no statement separators or comments.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../electron/server/errors.js'
import { planRequest, type RestMethod } from '../../../electron/server/rest/plan/plan-request.js'
import { requireRelation } from '../../../electron/server/rest/plan/resolve-names.js'
import { plannedStatements } from '../../../electron/server/rest/sql/planned-statements.js'
import { fixtureSchema } from './fixture-schema.js'
import { fuzzArbitraries } from './fuzz-arbitraries.js'

const cache = fixtureSchema()
const relations = [...cache.relations.values()].map((r) => r.name)
const columns = [...new Set([...cache.relations.values()].flatMap((r) => r.columns.map((c) => c.name)))]
const { queryString, value } = fuzzArbitraries(columns, relations)

/** SQL the builder may emit: no quote except the constant '[]', no separators or comments, all $n used. */
export function assertSafeSql(text: string, values: unknown[]): void {
  const outsideIdentifiers = text.replace(/"(?:[^"]|"")*"/g, '"x"').replace(/'\[\]'/g, '')
  expect(outsideIdentifiers).not.toMatch(/['`;\\]|--|\/\*|\$\$/)
  expect(outsideIdentifiers.includes('\u0000')).toBe(false)
  const used = new Set([...outsideIdentifiers.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))
  for (let i = 1; i <= values.length; i++) expect(used.has(i), `$${i} unused in ${text}`).toBe(true)
  for (const n of used) expect(n).toBeLessThanOrEqual(values.length)
}

function check(method: RestMethod, table: string, query: string, body: unknown, prefer?: string): void {
  try {
    const planned = planRequest(cache, { method, relation: requireRelation(cache, 'public', table), queryFallback: false, query, prefer, body }, { maxPageSize: 1000 })
    for (const sql of plannedStatements(planned.plan)) assertSafeSql(sql.text, sql.values)
  } catch (err) {
    if (!(err instanceof ApiError)) throw err
    expect(err.status).toBeGreaterThanOrEqual(400)
    expect(err.status).toBeLessThan(500)
    expect(err.message.length).toBeLessThan(2000)
  }
}

describe('fuzz: parser → planner → SQL builder', () => {
  it('reads: 4xx or safe SQL, for any query string', () => {
    fc.assert(fc.property(fc.constantFrom(...relations), queryString, (table, qs) => check('GET', table, qs, undefined)), { numRuns: 6000 })
  }, 120_000)

  it('writes: 4xx or safe SQL, for any query string, Prefer and body', () => {
    const body = fc.oneof(value, fc.dictionary(fc.constantFrom(...columns, "x'; --", 'a"b'), value, { maxKeys: 4 }), fc.array(fc.dictionary(fc.constantFrom(...columns), value, { maxKeys: 3 }), { maxLength: 3 }))
    const prefer = fc.option(fc.constantFrom('return=minimal', 'return=representation', 'resolution=merge-duplicates', 'resolution=ignore-duplicates,missing=default', 'return=bogus', 'count=exact'), { nil: undefined })
    fc.assert(
      fc.property(fc.constantFrom<RestMethod>('POST', 'PATCH', 'DELETE'), fc.constantFrom(...relations), queryString, body, prefer, (method, table, qs, b, p) => check(method, table, qs, b, p)),
      { numRuns: 4000 },
    )
  }, 120_000)

  it('POST …/query bodies: 4xx or safe SQL', () => {
    const queryBody = fc.record({
      select: fc.option(fc.constantFrom('id,title', '*', 'x', "a'b", 'count(*)'), { nil: undefined }),
      filters: fc.option(fc.array(fc.record({ column: fc.constantFrom(...columns, "'"), operator: fc.constantFrom('eq', 'in', 'not.is', 'bogus', 'cs'), value }), { maxLength: 3 }), { nil: undefined }),
      orFilters: fc.option(fc.array(fc.string({ maxLength: 30 }), { maxLength: 2 }), { nil: undefined }),
      limit: fc.option(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { nil: undefined }),
    }, { requiredKeys: [] })
    fc.assert(
      fc.property(fc.constantFrom(...relations), fc.oneof(queryBody, fc.anything()), (table, b) => {
        try {
          const planned = planRequest(cache, { method: 'POST', relation: requireRelation(cache, 'public', table), queryFallback: true, query: '', prefer: undefined, body: b }, { maxPageSize: 1000 })
          for (const sql of plannedStatements(planned.plan)) assertSafeSql(sql.text, sql.values)
        } catch (err) {
          if (!(err instanceof ApiError)) throw err
          expect(err.status).toBeLessThan(500)
        }
      }),
      { numRuns: 2000 },
    )
  }, 120_000)
})
