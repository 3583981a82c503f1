// rpc/call-function.ts — the fallback when no procedure has the name: a real call of `public.<name>(named args)`
// under the caller's RLS, rows wrapped like a procedure's. Overloads are told apart by argument names; every value is
// a parameter typed with the argument's own type (by OID), so PostgreSQL resolves the exact function.
import type { Pool } from 'pg'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { runStatements } from '../rest/execute/run-statements.js'
import type { DbFunction, SchemaCache } from '../rest/schema/schema-types.js'
import { quoteIdent, quoteQualified } from '../postgres/quote-ident.js'
import { rowsToJson } from './rows-to-json.js'
import { MAX_RESULT_ROWS, type RunResult } from './run-procedure.js'

export function pickFunction(cache: SchemaCache, name: string, params: Record<string, unknown>): DbFunction | undefined {
  const candidates = cache.functions.get(`public.${name}`) ?? []
  const given = Object.keys(params)
  const fits = candidates.filter((f) => given.every((k) => f.args.some((a) => a.name === k)) && f.args.every((a) => a.hasDefault || given.includes(a.name)))
  if (fits.length > 1) {
    // Prefer the overload that uses the most of what was given and needs the fewest defaults.
    fits.sort((a, b) => a.args.length - b.args.length)
  }
  if (!fits.length && candidates.length) {
    const sigs = candidates.map((f) => `${name}(${f.args.map((a) => `${a.name || '?'} ${a.type}${a.hasDefault ? ' = default' : ''}`).join(', ')})`)
    throw new ApiError(400, 'PGRST202', `no function public.${name} takes the parameters {${given.join(', ')}}`, undefined, `available: ${sigs.join('; ')}`)
  }
  return fits[0]
}

function wireValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null
  if (type === 'json' || type === 'jsonb') return JSON.stringify(value)
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))
  if (typeof value === 'object') return JSON.stringify(value)
  return value
}

export async function callFunction(
  pool: Pool,
  fn: DbFunction,
  identity: Identity,
  params: Record<string, unknown>,
  opts: { requestId?: string; onNotice?: (n: { severity?: string; message: string }) => void },
): Promise<RunResult> {
  const args = fn.args.filter((a) => a.name in params)
  const call = `${quoteQualified(fn.schema, fn.name)}(${args.map((a, i) => `${quoteIdent(a.name)} => $${i + 1}`).join(', ')})`
  const text = fn.returnType === 'void' ? `SELECT ${call}` : `SELECT * FROM ${call}`
  const results = await runStatements(
    pool,
    identity,
    [{ text, values: args.map((a) => wireValue(params[a.name], a.type)), types: args.map((a) => a.typeOid), describe: true }],
    opts,
  )
  if (fn.returnType === 'void') return { rows: [], rowsReturned: 0 }
  const rows = rowsToJson(results[0], MAX_RESULT_ROWS)
  return { rows, rowsReturned: rows.length }
}
