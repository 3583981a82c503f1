// project/migration-runner.ts — applies the folder's migrations and seeds to one database: each migration in its
// own transaction together with its tracking row, so a failure leaves the database at the previous migration.
// A failure is located (file, line, PostgreSQL's message and hint): syntax by the parser before anything runs,
// anything else by PostgreSQL's error position or, failing that, by re-running the file statement by statement.
import type { Pool, PoolClient } from 'pg'
import { readProjectFiles, firstClash, type MigrationFile, type SeedFile } from './migration-files.js'
import { listTracked, recordApplied, recordFailed } from './migration-tracking.js'
import { lineAt, splitStatements, SqlSyntaxError, type Statement } from './sql-statements.js'
import type { ProjectLayout } from './project-layout.js'

export interface SqlFailure {
  file: string
  /** The migration's name, when the failing file is a migration. */
  name?: string
  line?: number
  message: string
  hint?: string
  detail?: string
  code?: string
}

export class MigrationFailedError extends Error {
  constructor(readonly failure: SqlFailure) {
    super(`${failure.file}${failure.line ? `:${failure.line}` : ''}: ${failure.message}${failure.hint ? ` (hint: ${failure.hint})` : ''}`)
  }
}

export interface ApplyResult {
  applied: string[]
  failure?: SqlFailure
}

interface PgError {
  message: string
  code?: string
  hint?: string
  detail?: string
  position?: string
}

/** Statements a migration may not hold: it already runs in a transaction of its own. */
function refuseTransactionControl(file: string, name: string | undefined, statements: Statement[]): void {
  const tx = statements.find((s) => s.kind === 'TransactionStmt')
  if (tx) {
    throw new MigrationFailedError({
      file,
      name,
      line: tx.line,
      message: `"${tx.text.slice(0, 40)}": each migration already runs in its own transaction`,
      hint: 'remove BEGIN/COMMIT from the file',
    })
  }
}

async function locate(client: PoolClient, sql: string, statements: Statement[], err: PgError): Promise<number | undefined> {
  if (err.position) return lineAt(sql, Number(err.position) - 1)
  // No position (a constraint violation, an error raised inside a function): run again one statement at a time,
  // in a transaction that is rolled back, to learn which statement fails.
  await client.query('BEGIN')
  try {
    for (const s of statements) {
      try {
        await client.query('SAVEPOINT locate')
        await client.query(s.text)
        await client.query('RELEASE SAVEPOINT locate')
      } catch (inner) {
        const p = (inner as PgError).position
        return p ? lineAt(sql, s.offset + Number(p) - 1) : s.line
      }
    }
    return undefined
  } finally {
    await client.query('ROLLBACK').catch(() => undefined)
  }
}

/** Runs `sql` in the open transaction; on error rolls back and throws a located MigrationFailedError. */
async function runFile(client: PoolClient, file: string, sql: string, name?: string): Promise<void> {
  let statements: Statement[]
  try {
    statements = await splitStatements(sql)
  } catch (err) {
    if (err instanceof SqlSyntaxError) throw new MigrationFailedError({ file, name, line: err.line, message: err.message, code: '42601' })
    throw err
  }
  refuseTransactionControl(file, name, statements)
  try {
    // The whole file in one round trip: the common case, and the fast one for large seeds.
    await client.query(sql)
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    const e = err as PgError
    const line = await locate(client, sql, statements, e).catch(() => undefined)
    throw new MigrationFailedError({ file, name, line, message: e.message, hint: e.hint, detail: e.detail, code: e.code })
  }
}

export async function applyOne(client: PoolClient, m: MigrationFile, by: string): Promise<void> {
  const t0 = performance.now()
  await client.query('BEGIN')
  try {
    await runFile(client, m.file, m.upSql, m.name)
    await recordApplied(client, { ...m, by }, performance.now() - t0)
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    if (err instanceof MigrationFailedError) await recordFailed(client, { ...m, by }, err.message, performance.now() - t0).catch(() => undefined)
    throw err
  }
}

/**
 * Pending = in the folder, not applied (new, failed earlier, or rolled back). Applied in number order; stops at the
 * first failure and at a number two files share. Applied files whose text changed are drift, never re-run here.
 */
export async function applyPending(db: Pool, layout: ProjectLayout, by = 'project folder'): Promise<ApplyResult> {
  const { migrations, problems } = readProjectFiles(layout)
  const clash = firstClash(problems)
  const client = await db.connect()
  const applied: string[] = []
  try {
    const done = new Set((await listTracked(client)).filter((t) => t.status === 'applied').map((t) => t.name))
    for (const m of migrations) {
      if (done.has(m.name)) continue
      if (clash !== undefined && m.number >= clash) break
      try {
        await applyOne(client, m, by)
        applied.push(m.name)
      } catch (err) {
        if (err instanceof MigrationFailedError) return { applied, failure: err.failure }
        throw err
      }
    }
    return { applied }
  } finally {
    client.release()
  }
}

/** All seed files in one transaction: a seed that fails leaves no half-loaded data. */
export async function applySeeds(db: Pool, seeds: SeedFile[]): Promise<void> {
  if (!seeds.length) return
  const client = await db.connect()
  try {
    await client.query('BEGIN')
    for (const s of seeds) await runFile(client, s.file, s.sql)
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}
