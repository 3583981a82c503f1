// auth/sessions.ts — auth.sessions: open a session at sign-in, rotate its refresh token, revoke it. Every change is
// mirrored into RevocationState at once, so a revoked session's access tokens are refused by the next request.
import crypto from 'node:crypto'
import { ApiError } from '../errors.js'
import type { AuthModule } from './auth-module.js'
import { verifyJwt } from './jwt.js'
import { logSecurity } from './security-log.js'
import type { RequestMeta } from './request-meta.js'
import { issueSessionTokens, type TokenPair } from './token-issuer.js'
import { USER_COLUMNS, type UserRow } from './user-json.js'
import { isUuid } from './users.js'

export async function openSession(auth: AuthModule, user: UserRow, meta: RequestMeta): Promise<TokenPair> {
  const sessionId = crypto.randomUUID()
  const refreshJti = crypto.randomUUID()
  await auth.db.query(
    `INSERT INTO auth.sessions (id, user_id, refresh_jti, not_after, ip_address, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6)`,
    [sessionId, user.id, refreshJti, auth.settings.refreshTokenTtlSeconds, meta.ip, meta.userAgent],
  )
  auth.revocations.sessionCreated(sessionId, user.id)
  return issueSessionTokens(auth.ctx.keys.secret, auth.settings, user, sessionId, refreshJti)
}

const invalidRefresh = (details: string) => new ApiError(401, 'INVALID_REFRESH_TOKEN', 'Invalid or expired refresh token', details)

interface SessionState {
  user_id: string
  previous_refresh_jti: string | null
  used_seconds_ago: number | null
  revoked: boolean
  expired: boolean
}

/**
 * Rotates a refresh token: exactly one caller can swap a given token for a new pair (a conditional UPDATE on the
 * session row). A loser within the reuse grace is refused (a concurrent refresh); any later reuse of a rotated token
 * revokes the session, because someone else holds a copy of it.
 */
export async function rotateRefreshToken(auth: AuthModule, refreshToken: unknown, meta: RequestMeta): Promise<TokenPair> {
  if (typeof refreshToken !== 'string' || !refreshToken) throw new ApiError(400, 'VALIDATION_ERROR', 'refresh_token is required')
  const verified = await verifyJwt(auth.ctx.keys.secret, refreshToken)
  if (!verified.ok) throw invalidRefresh(verified.reason)
  const p = verified.payload
  if (p.token_type !== 'refresh') throw invalidRefresh('not a refresh token')
  const sid = p.session_id
  const jti = p.jti
  if (!isUuid(sid) || !isUuid(jti) || typeof p.sub !== 'string') throw invalidRefresh('refresh token has no session')

  const newJti = crypto.randomUUID()
  const { rows } = await auth.db.query<UserRow>(
    `WITH s AS (
       UPDATE auth.sessions SET previous_refresh_jti = refresh_jti, refresh_jti = $3, refreshed_at = now(),
              not_after = now() + make_interval(secs => $4)
        WHERE id = $1 AND refresh_jti = $2 AND user_id = $5 AND revoked_at IS NULL AND not_after > now()
       RETURNING user_id)
     SELECT ${USER_COLUMNS} FROM auth.users u JOIN s ON s.user_id = u.id`,
    [sid, jti, newJti, auth.settings.refreshTokenTtlSeconds, p.sub],
  )
  if (rows[0]) {
    logSecurity(auth.ctx.logs, { event: 'token_refreshed', message: 'access token refreshed', meta, userId: rows[0].id, email: rows[0].email, fields: { session_id: sid } })
    return issueSessionTokens(auth.ctx.keys.secret, auth.settings, rows[0], sid, newJti)
  }

  const state = await auth.db.query<SessionState>(
    `SELECT user_id, previous_refresh_jti, extract(epoch FROM now() - refreshed_at)::float8 AS used_seconds_ago,
            revoked_at IS NOT NULL AS revoked, not_after <= now() AS expired
       FROM auth.sessions WHERE id = $1`,
    [sid],
  )
  const s = state.rows[0]
  if (!s || s.user_id !== p.sub) throw invalidRefresh('session not found')
  if (s.revoked) throw invalidRefresh('session revoked')
  if (s.expired) throw invalidRefresh('session expired')
  if (s.previous_refresh_jti === jti && s.used_seconds_ago !== null && s.used_seconds_ago < auth.settings.refreshReuseGraceSeconds) {
    throw new ApiError(401, 'REFRESH_TOKEN_ALREADY_USED', 'Refresh token already used', 'another request rotated this refresh token a moment ago')
  }
  await revokeSessions(auth, { sessionIds: [sid] }, 'refresh_token_reuse')
  logSecurity(auth.ctx.logs, {
    event: 'refresh_token_reuse',
    level: 'warn',
    success: false,
    message: 'a rotated refresh token was used again: the session is revoked (token theft suspected)',
    meta,
    userId: s.user_id,
    fields: { session_id: sid },
  })
  throw new ApiError(401, 'REFRESH_TOKEN_REUSED', 'Refresh token has already been used; the session has been revoked', 'sign in again')
}

export type RevokeTarget = { sessionIds: string[] } | { userId: string; exceptSessionId?: string }

/** Revokes sessions in the database and in memory; returns how many were live. */
export async function revokeSessions(auth: AuthModule, target: RevokeTarget, reason: string): Promise<number> {
  let rows: { id: string }[]
  if ('sessionIds' in target) {
    const ids = target.sessionIds.filter(isUuid)
    if (!ids.length) return 0
    ;({ rows } = await auth.db.query<{ id: string }>(
      'UPDATE auth.sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL RETURNING id',
      [ids, reason],
    ))
    auth.revocations.sessionsRevoked(ids)
  } else {
    if (!isUuid(target.userId)) return 0
    ;({ rows } = await auth.db.query<{ id: string }>(
      `UPDATE auth.sessions SET revoked_at = now(), revoked_reason = $3
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid) RETURNING id`,
      [target.userId, target.exceptSessionId ?? null, reason],
    ))
    auth.revocations.sessionsRevoked(rows.map((r) => r.id))
  }
  return rows.length
}

/** Timestamps are Dates: JSON serialisation renders them as ISO strings, like the user JSON. */
export interface SessionJson {
  id: string
  user_id: string
  created_at: Date
  refreshed_at: Date | null
  not_after: Date
  ip_address: string | null
  user_agent: string | null
  revoked_at: Date | null
  revoked_reason: string | null
  active: boolean
}

export async function listSessions(auth: AuthModule, userId: string): Promise<SessionJson[]> {
  if (!isUuid(userId)) return []
  const { rows } = await auth.db.query<SessionJson>(
    `SELECT id, user_id, created_at, refreshed_at, not_after, ip_address, user_agent, revoked_at, revoked_reason,
            (revoked_at IS NULL AND not_after > now()) AS active
       FROM auth.sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 200`,
    [userId],
  )
  return rows
}
