// project/policy-tests/run-policy-tests.ts — the runner: test files' text → one result per assertion. Loads every
// file (problems become results at their line), resolves identities and tables once, then runs each assertion in
// its own rolled-back transaction as its identity. One assertion's error never stops the others.
import type { Pool } from 'pg'
import { ApiError } from '../../errors.js'
import { loadTableInfo, type TableInfo } from '../../studio/rls/policy-catalog.js'
import { loadTestFile, type LoadedAssertion, type LoadedFile, type SourceFile } from './load-test-file.js'
import { identityResolver, type ResolvedIdentity } from './resolve-identities.js'
import { BUILTIN_IDENTITIES, isWrite } from './test-file-schema.js'
import { CannotEvaluate, type Outcome } from './outcome.js'
import { runRead } from './run-read.js'
import { runWrite } from './run-write.js'
import type { AssertionResult, PolicyTestReport } from './report.js'

export interface PolicyTestPools {
  /** The API's login role (never a superuser): what the assertions run through. */
  api: Pool
  /** Superuser: catalogs, auth.users, and the simulator's explanations. */
  admin: Pool
}

export function splitTableName(name: string): { schema: string; table: string } {
  const dot = name.indexOf('.')
  return dot < 0 ? { schema: 'public', table: name } : { schema: name.slice(0, dot), table: name.slice(dot + 1) }
}

function tableLoader(admin: Pool): (name: string) => Promise<TableInfo | string> {
  const cache = new Map<string, Promise<TableInfo | string>>()
  return (name) => {
    let found = cache.get(name)
    if (!found) {
      const { schema, table } = splitTableName(name)
      found = (async () => {
        const client = await admin.connect()
        try {
          return await loadTableInfo(client, schema, table, 'anon')
        } catch (err) {
          if (err instanceof ApiError && err.status === 404) return `unknown table ${schema}.${table}${name.includes('.') ? '' : ' (write schema.table for a table outside public)'}`
          throw err
        } finally {
          client.release()
        }
      })()
      cache.set(name, found)
    }
    return found
  }
}

/**
 * Assertions are independent (each its own transaction, rolled back), so a few run at once, each on its own pooled
 * connection; reads never wait on each other. Writes take turns (see `oneAtATime`): two rolled-back writes on the same
 * rows could deadlock, and a deadlock error must never be read as "refused".
 */
const CONCURRENCY = 4

async function inParallel<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++
      out[i] = await tasks[i]()
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker))
  return out
}

function oneAtATime(): <T>(fn: () => Promise<T>) => Promise<T> {
  let lane: Promise<unknown> = Promise.resolve()
  return (fn) => {
    const run = lane.then(fn, fn)
    lane = run.catch(() => undefined)
    return run
  }
}

async function runAssertion(
  pools: PolicyTestPools,
  writeTurn: ReturnType<typeof oneAtATime>,
  item: LoadedAssertion,
  loaded: LoadedFile,
  identities: Map<string, Promise<ResolvedIdentity>>,
  resolve: ReturnType<typeof identityResolver>,
  tableInfo: ReturnType<typeof tableLoader>,
): Promise<AssertionResult> {
  const a = item.assertion
  const base = { file: item.file, line: item.line, table: item.table }
  const error = (message: string): AssertionResult => ({ ...base, title: a.name ?? `${a.as} on ${item.table}`, status: 'error', message, explanation: [] })
  const info = await tableInfo(item.table)
  if (typeof info === 'string') return error(info)
  let resolved = identities.get(a.as)
  if (!resolved && (BUILTIN_IDENTITIES as readonly string[]).includes(a.as)) resolved = resolve(a.as as 'anon' | 'service_role')
  if (!resolved) {
    const declared = [...loaded.identities.keys(), ...BUILTIN_IDENTITIES].map((n) => `"${n}"`).join(', ')
    return error(loaded.invalidIdentities.has(a.as) ? `identity "${a.as}" is invalid (see its own error)` : `unknown identity "${a.as}" (known here: ${declared})`)
  }
  const who = await resolved
  if (!who.ok) return error(who.message)
  try {
    // A count `for: update|delete` writes (rolled back) too, so it takes its turn with the writes.
    const outcome: Outcome = isWrite(a)
      ? await writeTurn(() => runWrite(pools, info, who.identity, a.as, a))
      : a.for === 'update' || a.for === 'delete'
        ? await writeTurn(() => runRead(pools, info, who.identity, a.as, a))
        : await runRead(pools, info, who.identity, a.as, a)
    return outcome.ok
      ? { ...base, title: a.name ?? outcome.title, status: 'pass', explanation: [] }
      : { ...base, title: a.name ?? outcome.title, status: 'fail', message: outcome.message, explanation: outcome.explanation }
  } catch (err) {
    return error(err instanceof CannotEvaluate ? `cannot be evaluated: ${err.message}` : `failed to run: ${(err as Error).message}`)
  }
}

export async function runPolicyTests(pools: PolicyTestPools, sources: SourceFile[]): Promise<PolicyTestReport> {
  const started = Date.now()
  const resolve = identityResolver(pools.admin)
  const tableInfo = tableLoader(pools.admin)
  const results: AssertionResult[] = []
  const tasks: Array<() => Promise<AssertionResult>> = []
  const writeTurn = oneAtATime()
  for (const source of sources) {
    const loaded = loadTestFile(source)
    for (const p of loaded.problems) results.push({ file: p.file, line: p.line, table: p.table ?? '', title: 'the test file is valid', status: 'error', message: p.message, explanation: [] })
    const identities = new Map<string, Promise<ResolvedIdentity>>()
    for (const [name, { spec, line }] of loaded.identities) {
      identities.set(name, resolve(spec).then((r) => (r.ok ? r : { ok: false, message: `identity "${name}" (line ${line}): ${r.message}` })))
    }
    tasks.push(...loaded.assertions.map((item) => () => runAssertion(pools, writeTurn, item, loaded, identities, resolve, tableInfo)))
  }
  results.push(...(await inParallel(tasks, CONCURRENCY)))
  results.sort((x, y) => (x.file === y.file ? x.line - y.line : x.file < y.file ? -1 : 1))
  return {
    results,
    passed: results.filter((r) => r.status === 'pass').length,
    failed: results.filter((r) => r.status === 'fail').length,
    errors: results.filter((r) => r.status === 'error').length,
    durationMs: Date.now() - started,
  }
}
