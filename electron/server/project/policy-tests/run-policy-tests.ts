// project/policy-tests/run-policy-tests.ts — the runner: test files' text → one result per assertion. Loads every
// file (problems become results at their line), resolves identities and tables once, then runs each assertion in
// its own rolled-back transaction as its identity. One assertion's error never stops the others.
import type { Pool } from 'pg'
import { ApiError } from '../../errors.js'
import { loadTableInfo, type TableInfo } from '../../studio/rls/policy-catalog.js'
import { loadTestFile, type LoadedAssertion, type SourceFile } from './load-test-file.js'
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

async function runOne(pools: PolicyTestPools, info: TableInfo, resolved: ResolvedIdentity & { ok: true }, item: LoadedAssertion): Promise<Outcome> {
  const a = item.assertion
  return isWrite(a) ? runWrite(pools, info, resolved.identity, a.as, a) : runRead(pools, info, resolved.identity, a.as, a)
}

export async function runPolicyTests(pools: PolicyTestPools, sources: SourceFile[]): Promise<PolicyTestReport> {
  const started = Date.now()
  const resolve = identityResolver(pools.admin)
  const tableInfo = tableLoader(pools.admin)
  const results: AssertionResult[] = []
  for (const source of sources) {
    const loaded = loadTestFile(source)
    for (const p of loaded.problems) results.push({ file: p.file, line: p.line, table: p.table ?? '', title: 'the test file is valid', status: 'error', message: p.message, explanation: [] })
    const identities = new Map<string, Promise<ResolvedIdentity>>()
    for (const [name, { spec, line }] of loaded.identities) {
      identities.set(name, resolve(spec).then((r) => (r.ok ? r : { ok: false, message: `identity "${name}" (line ${line}): ${r.message}` })))
    }
    for (const item of loaded.assertions) {
      const a = item.assertion
      const base = { file: item.file, line: item.line, table: item.table }
      const error = (message: string): AssertionResult => ({ ...base, title: a.name ?? `${a.as} on ${item.table}`, status: 'error', message, explanation: [] })
      const info = await tableInfo(item.table)
      if (typeof info === 'string') {
        results.push(error(info))
        continue
      }
      let resolved = identities.get(a.as)
      if (!resolved && (BUILTIN_IDENTITIES as readonly string[]).includes(a.as)) resolved = resolve(a.as as 'anon' | 'service_role')
      if (!resolved) {
        const declared = [...loaded.identities.keys(), ...BUILTIN_IDENTITIES].map((n) => `"${n}"`).join(', ')
        results.push(error(loaded.invalidIdentities.has(a.as) ? `identity "${a.as}" is invalid (see its own error)` : `unknown identity "${a.as}" (known here: ${declared})`))
        continue
      }
      const who = await resolved
      if (!who.ok) {
        results.push(error(who.message))
        continue
      }
      try {
        const outcome = await runOne(pools, info, who, item)
        results.push(outcome.ok ? { ...base, title: a.name ?? outcome.title, status: 'pass', explanation: [] } : { ...base, title: a.name ?? outcome.title, status: 'fail', message: outcome.message, explanation: outcome.explanation })
      } catch (err) {
        if (err instanceof CannotEvaluate) results.push(error(`cannot be evaluated: ${err.message}`))
        else results.push(error(`failed to run: ${(err as Error).message}`))
      }
    }
  }
  results.sort((x, y) => (x.file === y.file ? x.line - y.line : x.file < y.file ? -1 : 1))
  return {
    results,
    passed: results.filter((r) => r.status === 'pass').length,
    failed: results.filter((r) => r.status === 'fail').length,
    errors: results.filter((r) => r.status === 'error').length,
    durationMs: Date.now() - started,
  }
}
