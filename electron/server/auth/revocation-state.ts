// auth/revocation-state.ts — the in-memory answer to "is this verified token still good?": its session not
// revoked, its user not deleted, its jti not blacklisted. Installed as a ctx.tokenChecks entry, so every API path
// (REST, RPC, realtime, storage) refuses revoked tokens. A cache hit is a few map lookups; a session seen for the
// first time costs one indexed query. Kept current by the auth routes (sign-out, revoke, delete) and by
// NOTIFY fluxbase_auth for changes made elsewhere (revocation-listener.ts).
import type { Pool, QueryResult } from 'pg'
import { ApiError } from '../errors.js'
import type { TokenCheck } from './identify.js'

interface SessionEntry {
  userId: string
  live: boolean
  checkedAt: number
}

export interface RevocationStateOptions {
  /** Re-read a live session from the database after this long: a safety net under missed notifications. */
  revalidateMs?: number
  maxSessions?: number
  now?: () => number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export class RevocationState {
  private readonly sessions = new Map<string, SessionEntry>()
  private readonly pending = new Map<string, Promise<string | undefined>>()
  private readonly deletedUsers = new Set<string>()
  private readonly revokedJtis = new Map<string, number>()
  private readonly changeListeners = new Set<() => void>()
  private readonly revalidateMs: number
  private readonly maxSessions: number
  private readonly now: () => number

  constructor(
    private readonly pool: Pool,
    options: RevocationStateOptions = {},
  ) {
    this.revalidateMs = options.revalidateMs ?? 5 * 60_000
    this.maxSessions = options.maxSessions ?? 50_000
    this.now = options.now ?? Date.now
  }

  /** Tombstones and blacklisted jtis that may still matter; sessions load lazily. */
  async load(): Promise<void> {
    // One round trip on one connection (two statements): start-up opens as few connections as it can.
    const [deleted, jtis] = (await this.pool.query(
      "SELECT id FROM auth.deleted_users WHERE deleted_at > now() - interval '30 days'; " +
        'SELECT jti, extract(epoch FROM expires_at)::float8 AS exp FROM auth.revoked_tokens WHERE expires_at > now()',
    )) as unknown as [QueryResult<{ id: string }>, QueryResult<{ jti: string; exp: number }>]
    for (const r of deleted.rows) this.deletedUsers.add(r.id)
    for (const r of jtis.rows) this.revokedJtis.set(r.jti, r.exp)
  }

  readonly check: TokenCheck = (payload) => {
    const sub = payload.sub
    if (typeof sub === 'string' && this.deletedUsers.has(sub)) return 'user deleted'
    const jti = payload.jti
    if (typeof jti === 'string' && this.revokedJtis.size > 0) {
      const exp = this.revokedJtis.get(jti)
      if (exp !== undefined) {
        if (exp * 1000 > this.now()) return 'token revoked'
        this.revokedJtis.delete(jti)
      }
    }
    const sid = payload.session_id
    if (sid === undefined || sid === null || sid === '') return undefined
    if (typeof sid !== 'string' || !UUID.test(sid)) return 'session not found'
    const entry = this.sessions.get(sid)
    if (entry && (!entry.live || this.now() - entry.checkedAt < this.revalidateMs)) {
      return entry.live ? undefined : 'session revoked'
    }
    return this.lookup(sid)
  }

  private lookup(sid: string): Promise<string | undefined> {
    let p = this.pending.get(sid)
    if (!p) {
      p = this.pool
        .query<{ user_id: string; live: boolean }>('SELECT user_id, revoked_at IS NULL AS live FROM auth.sessions WHERE id = $1', [sid])
        .then(
          ({ rows }) => {
            const row = rows[0]
            if (!row) {
              this.remember(sid, { userId: '', live: false, checkedAt: this.now() })
              return 'session not found'
            }
            this.remember(sid, { userId: row.user_id, live: row.live, checkedAt: this.now() })
            return row.live ? undefined : 'session revoked'
          },
          () => {
            throw new ApiError(503, 'AUTH_UNAVAILABLE', 'Cannot check the session right now: the database is not answering')
          },
        )
        .finally(() => this.pending.delete(sid))
      this.pending.set(sid, p)
    }
    return p
  }

  private remember(sid: string, entry: SessionEntry): void {
    if (!this.sessions.has(sid) && this.sessions.size >= this.maxSessions) {
      // Oldest first; an evicted session is simply read again from the database.
      const oldest = this.sessions.keys().next().value
      if (oldest !== undefined) this.sessions.delete(oldest)
    }
    this.sessions.set(sid, entry)
  }

  sessionCreated(sessionId: string, userId: string): void {
    this.remember(sessionId, { userId, live: true, checkedAt: this.now() })
  }

  sessionsRevoked(sessionIds: Iterable<string>): void {
    for (const sid of sessionIds) {
      const entry = this.sessions.get(sid)
      this.remember(sid, { userId: entry?.userId ?? '', live: false, checkedAt: this.now() })
    }
    this.changed()
  }

  /** All of a user's sessions this process knows about; callers also revoke them in the database. */
  userSessionsRevoked(userId: string): void {
    for (const entry of this.sessions.values()) if (entry.userId === userId) entry.live = false
    this.changed()
  }

  userDeleted(userId: string): void {
    this.deletedUsers.add(userId)
    this.userSessionsRevoked(userId)
  }

  jtiRevoked(jti: string, expiresAtSeconds: number): void {
    this.revokedJtis.set(jti, expiresAtSeconds)
    this.changed()
  }

  /** Called after every revocation: long-lived streams (realtime) re-check their tokens. Returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  private changed(): void {
    for (const listener of this.changeListeners) {
      try {
        listener()
      } catch {
        // A listener's failure must not undo the revocation.
      }
    }
  }

  /** After a lost notification channel: forget what is live (re-read on next use); keep what is known dead. */
  forgetLive(): void {
    for (const [sid, entry] of this.sessions) if (entry.live) this.sessions.delete(sid)
  }

  get stats() {
    return { sessions: this.sessions.size, deletedUsers: this.deletedUsers.size, revokedJtis: this.revokedJtis.size }
  }
}
