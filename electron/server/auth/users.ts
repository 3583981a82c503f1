// auth/users.ts — auth.users (and auth.passwords) reads and writes, shared by the sign-in flows, /auth/user and the
// admin endpoints. Values are parameters; the only SQL assembled here is a fixed list of column names.
import type { Pool, PoolClient } from 'pg'
import { ApiError } from '../errors.js'
import { inTransaction } from './transaction.js'
import { USER_COLUMNS, type AdminUserRow, type UserRow } from './user-json.js'

type Db = Pool | PoolClient

const EMAIL = /^[^\s@]+@[^\s@]+$/

export function normalizeEmail(raw: unknown): string {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : ''
  if (!email) throw new ApiError(400, 'VALIDATION_ERROR', 'email is required')
  if (email.length > 254 || !EMAIL.test(email)) throw new ApiError(400, 'VALIDATION_ERROR', `invalid email address: "${String(raw).slice(0, 100)}"`)
  return email
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s)
}

export async function findUserByEmail(db: Db, email: string): Promise<(UserRow & { password_hash: string | null }) | undefined> {
  const { rows } = await db.query<UserRow & { password_hash: string | null }>(
    `SELECT ${USER_COLUMNS}, p.hash AS password_hash FROM auth.users u LEFT JOIN auth.passwords p ON p.user_id = u.id WHERE lower(u.email) = $1`,
    [email],
  )
  return rows[0]
}

export async function getUser(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM auth.users u WHERE u.id = $1`, [id])
  return rows[0]
}

export interface NewUser {
  email: string | null
  passwordHash?: string
  emailVerified: boolean
  role?: string
  userMetadata?: Record<string, unknown>
  appMetadata?: Record<string, unknown>
  isAnonymous?: boolean
}

export async function createUser(pool: Pool, user: NewUser): Promise<UserRow> {
  try {
    return await inTransaction(pool, async (client) => {
      const { rows } = await client.query<UserRow>(
        `INSERT INTO auth.users AS u (email, email_verified, email_confirmed_at, role, user_metadata, app_metadata, is_anonymous)
         VALUES ($1, $2, CASE WHEN $2 THEN now() END, $3, $4, $5, $6) RETURNING ${USER_COLUMNS}`,
        [user.email, user.emailVerified, user.role ?? 'authenticated', user.userMetadata ?? {}, user.appMetadata ?? { provider: user.isAnonymous ? 'anonymous' : 'email', providers: [user.isAnonymous ? 'anonymous' : 'email'] }, user.isAnonymous ?? false],
      )
      if (user.passwordHash) await client.query('INSERT INTO auth.passwords (user_id, hash) VALUES ($1, $2)', [rows[0].id, user.passwordHash])
      return rows[0]
    })
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new ApiError(409, 'USER_ALREADY_EXISTS', 'A user with this email already exists')
    throw err
  }
}

export interface UserPatch {
  email?: string
  emailVerified?: boolean
  role?: string
  /** Merged into the stored object; a key set to null is removed. */
  userMetadata?: Record<string, unknown>
  appMetadata?: Record<string, unknown>
  passwordHash?: string
  isAnonymous?: boolean
  /** Clear the lock-out and the failure count. */
  unlock?: boolean
}

export async function updateUser(pool: Pool, id: string, patch: UserPatch): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined
  const sets: string[] = []
  const values: unknown[] = [id]
  const set = (sql: string, value: unknown) => {
    values.push(value)
    sets.push(sql.replace('$?', `$${values.length}`))
  }
  if (patch.email !== undefined) set('email = $?', patch.email)
  if (patch.emailVerified !== undefined) {
    set('email_verified = $?', patch.emailVerified)
    sets.push(patch.emailVerified ? 'email_confirmed_at = coalesce(u.email_confirmed_at, now())' : 'email_confirmed_at = NULL')
  }
  if (patch.role !== undefined) set('role = $?', patch.role)
  if (patch.isAnonymous !== undefined) set('is_anonymous = $?', patch.isAnonymous)
  if (patch.userMetadata !== undefined) set('user_metadata = auth.merge_metadata(u.user_metadata, $?::jsonb)', patch.userMetadata)
  if (patch.appMetadata !== undefined) set('app_metadata = auth.merge_metadata(u.app_metadata, $?::jsonb)', patch.appMetadata)
  if (patch.unlock) sets.push('failed_login_attempts = 0', 'locked_until = NULL')
  try {
    return await inTransaction(pool, async (client) => {
      const sql = sets.length
        ? `UPDATE auth.users AS u SET ${sets.join(', ')} WHERE u.id = $1 RETURNING ${USER_COLUMNS}`
        : `SELECT ${USER_COLUMNS} FROM auth.users u WHERE u.id = $1`
      const { rows } = await client.query<UserRow>(sql, values)
      if (!rows[0]) return undefined
      if (patch.passwordHash) {
        await client.query(
          'INSERT INTO auth.passwords (user_id, hash) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET hash = EXCLUDED.hash, updated_at = now()',
          [id, patch.passwordHash],
        )
      }
      return rows[0]
    })
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new ApiError(409, 'USER_ALREADY_EXISTS', 'A user with this email already exists')
    throw err
  }
}

/** Deletes the user; sessions, password and mail tokens cascade, the tombstone trigger records the id. */
export async function deleteUser(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined
  const { rows } = await db.query<UserRow>(`DELETE FROM auth.users AS u WHERE u.id = $1 RETURNING ${USER_COLUMNS}`, [id])
  return rows[0]
}

const ADMIN_COLUMNS = `${USER_COLUMNS}, EXISTS (SELECT 1 FROM auth.passwords p WHERE p.user_id = u.id) AS has_password,
  (SELECT count(*) FROM auth.sessions s WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.not_after > now()) AS session_count`

export async function getAdminUser(db: Db, id: string): Promise<AdminUserRow | undefined> {
  if (!isUuid(id)) return undefined
  const { rows } = await db.query<AdminUserRow>(`SELECT ${ADMIN_COLUMNS} FROM auth.users u WHERE u.id = $1`, [id])
  return rows[0]
}

export interface UserListQuery {
  search?: string
  limit: number
  offset: number
  excludeAnonymous?: boolean
  role?: string
}

export async function listUsers(db: Db, q: UserListQuery): Promise<{ users: AdminUserRow[]; total: number }> {
  const where: string[] = []
  const values: unknown[] = []
  if (q.search) {
    // The search text is a LIKE pattern only after its own wildcards are escaped.
    values.push(`%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    values.push(q.search.trim().toLowerCase())
    where.push(`(u.email ILIKE $${values.length - 1} OR u.id::text = $${values.length} OR u.user_metadata::text ILIKE $${values.length - 1})`)
  }
  if (q.excludeAnonymous) where.push('NOT u.is_anonymous')
  if (q.role) {
    values.push(q.role)
    where.push(`u.role = $${values.length}`)
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM auth.users u ${clause}`, values)
  const page = await db.query<AdminUserRow>(
    `SELECT ${ADMIN_COLUMNS} FROM auth.users u ${clause} ORDER BY u.created_at DESC, u.id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, q.limit, q.offset],
  )
  return { users: page.rows, total: total.rows[0].n }
}
