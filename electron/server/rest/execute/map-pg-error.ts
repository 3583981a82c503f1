// rest/execute/map-pg-error.ts — a PostgreSQL error → ApiError with the contract's status codes. Client mistakes
// keep their SQLSTATE as `code`; permission errors (42501) become 403s whose hint names the missing GRANT (when
// grant-advice.ts finds granting safe) or the policies that refused (looked up in the catalogs). Anything
// unrecognised stays a 500, its cause in the logs.
import type { Pool } from 'pg'
import { ApiError } from '../../errors.js'
import type { Identity } from '../../identity.js'
import { objectGrantAdvice, tableGrantAdvice } from '../../grant-advice.js'

export interface PgErrorLike {
  code?: string
  message: string
  detail?: string
  hint?: string
  severity?: string
  table?: string
  schema?: string
  column?: string
}

export type Operation = 'select' | 'insert' | 'update' | 'delete' | 'upsert' | 'execute'

const STATUS_BY_CODE: Record<string, number> = {
  '23505': 409, '23503': 409, '23P01': 409, '23502': 400, '23514': 400, '23000': 400, '23001': 409,
  '42P01': 404, '42883': 400, '42703': 400, '42804': 400, '42P10': 400, '42846': 400, '42803': 400, '42704': 400,
  '42725': 400, '42P18': 400, '42601': 400, '42P02': 400, '42809': 405, '42P17': 400,
  '25006': 405, '0A000': 400, '21000': 400, '54000': 400, '54001': 400, '54011': 400, '54023': 400,
  '57014': 504, '40001': 409, '40P01': 409, P0001: 400, P0002: 404, P0003: 400, P0004: 400, '2F003': 400, '38000': 400, '39000': 400,
}

export function statusFor(code: string | undefined): number {
  if (!code) return 500
  const exact = STATUS_BY_CODE[code]
  if (exact) return exact
  const cls = code.slice(0, 2)
  if (cls === '22' || cls === '23' || cls === '42' || cls === '2F' || cls === '3F') return 400
  if (cls === '53' || cls === '08' || cls === '57') return 503
  return 500
}

const PRIVILEGES: Record<Operation, string[]> = {
  select: ['SELECT'],
  insert: ['INSERT', 'SELECT'],
  upsert: ['INSERT', 'UPDATE', 'SELECT'],
  update: ['UPDATE', 'SELECT'],
  delete: ['DELETE', 'SELECT'],
  execute: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
}

interface PolicyRow { policyname: string; cmd: string; roles: string[]; permissive: string; qual: string | null; with_check: string | null }

/** The catalog facts behind a 42501, as one sentence a developer can act on. */
async function permissionHint(admin: Pool, err: PgErrorLike, identity: Identity, op: Operation, target?: { schema: string; name: string }): Promise<string | undefined> {
  const role = identity.dbRole
  const m = /permission denied for (table|view|relation|schema|sequence|function|materialized view) "?([^"\s]+)"?/.exec(err.message)
  if (m) {
    const [, kind, name] = m
    if (kind === 'schema') return objectGrantAdvice('schema', name, name, role)
    if (kind === 'sequence') return objectGrantAdvice('sequence', target?.schema ?? 'public', name, role)
    if (kind === 'function') return objectGrantAdvice('function', '', name, role)
    const wanted = PRIVILEGES[op]
    // PostgreSQL names the table without its schema. An embedded table usually sits in the request's schema; else
    // prefer a table of that name the role really lacks the privilege on (auth.users is not guide_x.users).
    const schema = target && target.name === name ? target.schema : (await admin.query<{ s: string }>(
      `SELECT n.nspname AS s FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1
        ORDER BY n.nspname = $2 DESC, has_table_privilege($3::name, c.oid, $4) ASC, n.nspname = 'public' DESC, n.nspname LIMIT 1`,
      [name, target?.schema ?? 'public', role, wanted[0]])).rows[0]?.s ?? 'public'
    const { rows } = await admin.query<{ p: string; ok: boolean; rls: boolean | null; kind: string | null }>(
      `SELECT p, has_table_privilege($1::name, format('%I.%I', $2::text, $3::text), p) AS ok,
              (SELECT c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $2 AND c.relname = $3) AS rls,
              (SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $2 AND c.relname = $3) AS kind
         FROM unnest($4::text[]) AS p`, [role, schema, name, wanted])
    const missing = rows.filter((r) => !r.ok).map((r) => r.p)
    const list = missing.length ? missing : wanted
    const advice = tableGrantAdvice({ schema, name, rlsEnabled: rows[0]?.rls ?? undefined, kind: rows[0]?.kind ?? undefined }, list, role)
    return `role ${role} lacks ${list.join(', ')} on ${schema}.${name}: ${advice}`
  }
  const rls = /new row violates row-level security policy (\(USING expression\) )?for table "([^"]+)"/.exec(err.message)
  if (rls) {
    const name = rls[2]
    const schema = target && target.name === name ? target.schema : 'public'
    const cmd = op === 'insert' ? 'INSERT' : op === 'update' ? 'UPDATE' : op === 'upsert' ? (rls[1] ? 'UPDATE' : 'INSERT') : op.toUpperCase()
    const { rows } = await admin.query<PolicyRow>(
      `SELECT policyname, cmd, roles::text[] AS roles, permissive, qual, with_check FROM pg_policies WHERE schemaname = $1 AND tablename = $2 AND cmd IN ($3, 'ALL') ORDER BY policyname`,
      [schema, name, cmd])
    const applicable = rows.filter((p) => p.roles.includes('public') || p.roles.includes(role))
    if (!applicable.length) {
      return `RLS is enabled on ${schema}.${name} and no ${cmd} policy applies to role ${role}: add one, e.g. CREATE POLICY ... ON ${schema}.${name} FOR ${cmd} TO ${role} WITH CHECK (...);`
    }
    const described = applicable.map((p) => `"${p.policyname}" (${p.cmd}${rls[1] || cmd === 'UPDATE' ? `, USING ${p.qual ?? 'true'}` : ''}${p.with_check ? `, WITH CHECK ${p.with_check}` : p.qual ? `, WITH CHECK (from USING) ${p.qual}` : ''})`)
    return `the row was refused by the ${cmd} polic${applicable.length > 1 ? 'ies' : 'y'} on ${schema}.${name} for role ${role} (user ${identity.userId ?? 'none'}): ${described.join('; ')}`
  }
  return undefined
}

// The server's own goodbyes: shutdown, crash of another backend, not accepting connections yet, connection failures.
const SERVER_GONE = /^(57P0[123]|08)/

const LOST_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOENT', 'ETIMEDOUT'])

/** node-postgres's own errors (no severity: not from the server) when the connection went away mid-request. */
function connectionLost(e: { code?: string; message?: string }): boolean {
  return (e.code !== undefined && LOST_CODES.has(e.code)) || /Connection terminated|connection error|not queryable/i.test(e.message ?? '')
}

export async function mapPgError(
  err: unknown,
  ctx: { admin: Pool; identity: Identity; op: Operation; target?: { schema: string; name: string } },
): Promise<Error> {
  if (err instanceof ApiError) return err
  const e = err as PgErrorLike
  if (e && ((!e.severity && connectionLost(e)) || (e.severity && SERVER_GONE.test(e.code ?? '')))) {
    return new ApiError(503, 'PGRST001', 'the database is unavailable (it stopped or restarted while the request ran): retry in a moment', e.severity ? e.message : undefined)
  }
  if (!e || typeof e.code !== 'string' || !e.severity) return err as Error
  if (e.code === 'FB413') {
    return new ApiError(400, 'PGRST_EMBED_TOO_LARGE', e.message, e.detail, 'limit the embedded rows (e.g. children.limit=100 with children.order), filter them, or raise --max-embed-rows')
  }
  const status = statusFor(e.code)
  if (status === 500) return err as Error
  let hint = e.hint
  if (e.code === '42501') {
    hint = (await permissionHint(ctx.admin, e, ctx.identity, ctx.op, ctx.target).catch(() => undefined)) ?? hint
    return new ApiError(403, e.code, e.message, e.detail, hint)
  }
  if (e.code === '42P01') return new ApiError(404, 'PGRST205', e.message, e.detail, 'the table was dropped or renamed')
  if (e.code === '57014') {
    return new ApiError(504, e.code, `the statement timed out (statement timeout of role ${ctx.identity.dbRole})`, e.detail, hint ?? 'make the query cheaper, or raise the role\'s limit with --statement-timeout')
  }
  return new ApiError(status, e.code, e.message, e.detail, hint)
}
