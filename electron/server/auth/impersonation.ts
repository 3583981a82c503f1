// auth/impersonation.ts — impersonation tokens (contract §6): a real access token for any user, for anon or for
// service_role, minted for the studio or a service_role caller and recorded with its reason in
// auth.impersonation_sessions. The token runs through the same identify → with-identity path as the app's own.
import { ApiError } from '../errors.js'
import type { AuthModule } from './auth-module.js'
import { JWT_ISSUER } from './jwt.js'
import type { RequestMeta } from './request-meta.js'
import { logSecurity } from './security-log.js'
import { inTransaction } from './transaction.js'
import { signAccessToken, signRefreshToken, userClaims } from './token-issuer.js'
import { getUser, isUuid } from './users.js'

export type ImpersonationType = 'user' | 'anon' | 'service'

/** The contract's stand-in subjects: auth.uid() is the nil UUID under anon impersonation, not NULL. */
export const ANON_IMPERSONATION_SUB = '00000000-0000-0000-0000-000000000000'
export const SERVICE_IMPERSONATION_SUB = '00000000-0000-0000-0000-000000000001'

export interface ImpersonationSessionJson {
  id: string
  admin_user_id: string
  target_user_id: string | null
  impersonation_type: ImpersonationType
  target_role: string
  reason: string
  started_at: Date
  ended_at: Date | null
  is_active: boolean
  ip_address: string | null
  user_agent: string | null
}

export interface TargetUserJson {
  id: string
  email: string
  role: string
}

export interface StartImpersonation {
  /** "studio", "service_role", or the calling admin user's id. */
  adminId: string
  type: ImpersonationType
  targetUserId?: unknown
  reason: unknown
  /** Token lifetime; default the access-token lifetime, at most a day. */
  expiresIn?: unknown
  meta: RequestMeta
}

const SESSION_COLUMNS = 'id, admin_user_id, target_user_id, impersonation_type, target_role, reason, started_at, ended_at, is_active, ip_address, user_agent'

function checkReason(reason: unknown): string {
  if (typeof reason !== 'string' || !reason.trim()) throw new ApiError(400, 'VALIDATION_ERROR', 'reason is required: say why you impersonate (it is kept in the audit trail)')
  if (reason.length > 1000) throw new ApiError(400, 'VALIDATION_ERROR', 'reason must be at most 1000 characters')
  return reason.trim()
}

function checkExpiresIn(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 60 || value > 86_400) {
    throw new ApiError(400, 'VALIDATION_ERROR', 'expires_in must be an integer number of seconds from 60 to 86400')
  }
  return value
}

export async function startImpersonation(auth: AuthModule, input: StartImpersonation) {
  const reason = checkReason(input.reason)
  const ttl = checkExpiresIn(input.expiresIn, auth.settings.accessTokenTtlSeconds)
  let claims: Record<string, unknown>
  let targetUser: TargetUserJson | null = null
  let targetRole: string
  let targetId: string | null = null
  if (input.type === 'user') {
    if (!isUuid(input.targetUserId)) throw new ApiError(400, 'VALIDATION_ERROR', 'target_user_id must be a user id (uuid)')
    if (input.targetUserId === input.adminId) throw new ApiError(400, 'CANNOT_IMPERSONATE_SELF', 'You cannot impersonate yourself')
    const user = await getUser(auth.db, input.targetUserId)
    if (!user) throw new ApiError(404, 'USER_NOT_FOUND', `User ${input.targetUserId} not found`)
    claims = userClaims(user)
    targetRole = user.role
    targetId = user.id
    targetUser = { id: user.id, email: user.email ?? '', role: user.role }
  } else {
    const anon = input.type === 'anon'
    targetRole = anon ? 'anon' : 'service_role'
    const sub = anon ? ANON_IMPERSONATION_SUB : SERVICE_IMPERSONATION_SUB
    claims = { iss: JWT_ISSUER, sub, user_id: sub, role: targetRole, email: '', is_anonymous: anon, user_metadata: {}, app_metadata: {} }
  }

  // Starting a session ends the caller's active one (upstream). Ending is an audit fact: tokens already handed out
  // stay valid until they expire, so the studio can compare several identities side by side.
  const session = await inTransaction(auth.db, async (client) => {
    await client.query('UPDATE auth.impersonation_sessions SET is_active = false, ended_at = now() WHERE admin_user_id = $1 AND is_active', [input.adminId])
    const { rows } = await client.query<ImpersonationSessionJson>(
      `INSERT INTO auth.impersonation_sessions (admin_user_id, target_user_id, impersonation_type, target_role, reason, ip_address, user_agent)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${SESSION_COLUMNS}`,
      [input.adminId, targetId, input.type, targetRole, reason, input.meta.ip, input.meta.userAgent],
    )
    return rows[0]
  })
  const marked = { ...claims, impersonation_session_id: session.id, impersonated_by: input.adminId }
  const secret = auth.ctx.keys.secret
  const [access_token, refresh_token] = await Promise.all([
    signAccessToken(secret, marked, ttl),
    // Shape only: there is no auth.sessions row behind it, so /auth/refresh refuses it (contract §6).
    signRefreshToken(secret, String(claims.sub), session.id, session.id, ttl),
  ])
  logSecurity(auth.ctx.logs, {
    event: 'impersonation_started',
    message: `${input.adminId} impersonates ${input.type === 'user' ? (targetUser?.email || targetId) : targetRole}: ${reason}`,
    meta: input.meta,
    userId: targetId,
    fields: { admin_user_id: input.adminId, impersonation_type: input.type, target_role: targetRole, session_id: session.id, reason },
  })
  return { session, target_user: targetUser, access_token, refresh_token, expires_in: ttl }
}

async function targetOf(auth: AuthModule, session: ImpersonationSessionJson | undefined): Promise<TargetUserJson | null> {
  if (!session?.target_user_id) return null
  const user = await getUser(auth.db, session.target_user_id)
  return user ? { id: user.id, email: user.email ?? '', role: user.role } : null
}

export async function currentImpersonation(auth: AuthModule, adminId: string) {
  const { rows } = await auth.db.query<ImpersonationSessionJson>(
    `SELECT ${SESSION_COLUMNS} FROM auth.impersonation_sessions WHERE admin_user_id = $1 AND is_active ORDER BY started_at DESC LIMIT 1`,
    [adminId],
  )
  return { session: rows[0] ?? null, target_user: await targetOf(auth, rows[0]) }
}

export async function stopImpersonation(auth: AuthModule, adminId: string, meta: RequestMeta) {
  const { rows } = await auth.db.query<ImpersonationSessionJson>(
    `UPDATE auth.impersonation_sessions SET is_active = false, ended_at = now() WHERE admin_user_id = $1 AND is_active RETURNING ${SESSION_COLUMNS}`,
    [adminId],
  )
  if (!rows.length) throw new ApiError(404, 'NO_ACTIVE_IMPERSONATION', 'No active impersonation session')
  logSecurity(auth.ctx.logs, { event: 'impersonation_ended', message: `${adminId} ended impersonation`, meta, fields: { admin_user_id: adminId, session_ids: rows.map((r) => r.id) } })
  return { success: true, message: 'Impersonation session ended' }
}

export interface ImpersonationListQuery {
  limit: number
  offset: number
  admin_user_id?: string
  target_user_id?: string
  impersonation_type?: string
  is_active?: boolean
}

export async function listImpersonations(auth: AuthModule, q: ImpersonationListQuery) {
  const where: string[] = []
  const values: unknown[] = []
  const add = (sql: string, v: unknown) => {
    values.push(v)
    where.push(sql.replace('$?', `$${values.length}`))
  }
  if (q.admin_user_id) add('admin_user_id = $?', q.admin_user_id)
  if (q.target_user_id) {
    if (!isUuid(q.target_user_id)) return { sessions: [], total: 0 }
    add('target_user_id = $?', q.target_user_id)
  }
  if (q.impersonation_type) add('impersonation_type = $?', q.impersonation_type)
  if (q.is_active !== undefined) add('is_active = $?', q.is_active)
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = await auth.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM auth.impersonation_sessions ${clause}`, values)
  const { rows } = await auth.db.query<ImpersonationSessionJson>(
    `SELECT ${SESSION_COLUMNS} FROM auth.impersonation_sessions ${clause} ORDER BY started_at DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, q.limit, q.offset],
  )
  return { sessions: rows, total: total.rows[0].n }
}
