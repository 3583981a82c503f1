// auth/admin-users.ts — user management for admins: list (paged, searchable), get, create (with a password, or
// confirmed without one), invite, update metadata/app_metadata/role, delete, revoke sessions, send a reset mail.
// Shared by /api/v1/admin/users (service_role) and /studio/api/auth/users (the studio token).
import { z } from 'zod'
import { ApiError } from '../errors.js'
import type { AuthModule } from './auth-module.js'
import { sendAuthMail } from './email-links.js'
import { checkPasswordPolicy, hashPassword } from './passwords.js'
import type { RequestMeta } from './request-meta.js'
import { logSecurity } from './security-log.js'
import { listSessions, revokeSessions } from './sessions.js'
import { adminUserJson } from './user-json.js'
import { createUser, deleteUser, getAdminUser, listUsers, normalizeEmail, updateUser, type UserPatch } from './users.js'
import { jsonObject, parseBody, parseQueryInt } from './routes/body.js'

const role = z.string().trim().min(1).max(100)

export const createUserBody = z.object({
  email: z.unknown().optional(),
  password: z.unknown().optional(),
  /** Default true: an admin-made account can sign in at once, also when confirmation is required. */
  email_confirm: z.boolean().optional(),
  email_verified: z.boolean().optional(),
  role: role.optional(),
  user_metadata: jsonObject.optional(),
  app_metadata: jsonObject.optional(),
})

export const updateUserBody = z
  .object({
    email: z.unknown().optional(),
    password: z.unknown().optional(),
    email_verified: z.boolean().optional(),
    role: role.optional(),
    user_metadata: jsonObject.optional(),
    app_metadata: jsonObject.optional(),
    /** Clear a lock-out (and the failure count). */
    unlock: z.boolean().optional(),
  })
  .strict()

export const inviteUserBody = z.object({
  email: z.unknown().optional(),
  role: role.optional(),
  send_email: z.boolean().optional(),
  redirect_to: z.string().optional(),
  user_metadata: jsonObject.optional(),
})

async function mustGet(auth: AuthModule, id: string) {
  const user = await getAdminUser(auth.db, id)
  if (!user) throw new ApiError(404, 'USER_NOT_FOUND', `User ${id} not found`)
  return adminUserJson(user)
}

export async function adminListUsers(auth: AuthModule, query: Record<string, unknown>) {
  const limit = parseQueryInt(query.limit, 'limit', 50, 1, 1000)
  const offset = parseQueryInt(query.offset, 'offset', 0, 0, 10_000_000)
  const search = typeof query.search === 'string' ? query.search.slice(0, 200) : undefined
  const excludeAnonymous = query.exclude_anonymous === 'true'
  const { users, total } = await listUsers(auth.db, { search, limit, offset, excludeAnonymous, role: typeof query.role === 'string' ? query.role : undefined })
  return { users: users.map(adminUserJson), total, limit, offset }
}

export function adminGetUser(auth: AuthModule, id: string) {
  return mustGet(auth, id)
}

export async function adminCreateUser(auth: AuthModule, body: unknown, actor: string, meta: RequestMeta) {
  const b = parseBody(createUserBody, body)
  const email = normalizeEmail(b.email)
  const passwordHash = b.password === undefined || b.password === null ? undefined : await hashPassword(checkPasswordPolicy(b.password, auth.settings.minPasswordLength))
  const user = await createUser(auth.db, {
    email,
    passwordHash,
    emailVerified: b.email_confirm ?? b.email_verified ?? true,
    role: b.role,
    userMetadata: b.user_metadata,
    appMetadata: b.app_metadata,
  })
  logSecurity(auth.ctx.logs, { event: 'user_created', message: `${actor} created user ${email}`, meta, email, userId: user.id, fields: { actor } })
  return mustGet(auth, user.id)
}

export async function adminInviteUser(auth: AuthModule, body: unknown, actor: string, meta: RequestMeta) {
  const b = parseBody(inviteUserBody, body)
  const email = normalizeEmail(b.email)
  const user = await createUser(auth.db, { email, emailVerified: false, role: b.role, userMetadata: b.user_metadata })
  const mail = b.send_email === false ? undefined : await sendAuthMail(auth, { id: user.id, email }, 'invite', b.redirect_to)
  logSecurity(auth.ctx.logs, { event: 'user_created', message: `${actor} invited ${email}`, meta, email, userId: user.id, fields: { actor, invited: true } })
  return { user: await mustGet(auth, user.id), invitation_link: mail?.link, message: mail ? 'Invitation sent (see the local mail inbox)' : 'User created' }
}

export async function adminUpdateUser(auth: AuthModule, id: string, body: unknown, actor: string, meta: RequestMeta) {
  const b = parseBody(updateUserBody, body)
  const patch: UserPatch = {}
  if (b.email !== undefined) patch.email = normalizeEmail(b.email)
  if (b.password !== undefined) patch.passwordHash = await hashPassword(checkPasswordPolicy(b.password, auth.settings.minPasswordLength))
  if (b.email_verified !== undefined) patch.emailVerified = b.email_verified
  if (b.role !== undefined) patch.role = b.role
  if (b.user_metadata !== undefined) patch.userMetadata = b.user_metadata
  if (b.app_metadata !== undefined) patch.appMetadata = b.app_metadata
  if (b.unlock) patch.unlock = true
  const user = await updateUser(auth.db, id, patch)
  if (!user) throw new ApiError(404, 'USER_NOT_FOUND', `User ${id} not found`)
  logSecurity(auth.ctx.logs, { event: 'user_updated', message: `${actor} updated user ${user.email || user.id} (${Object.keys(b).join(', ') || 'nothing'})`, meta, userId: user.id, email: user.email, fields: { actor } })
  return mustGet(auth, id)
}

export async function adminDeleteUser(auth: AuthModule, id: string, actor: string, meta: RequestMeta) {
  const user = await deleteUser(auth.db, id)
  if (!user) throw new ApiError(404, 'USER_NOT_FOUND', `User ${id} not found`)
  // The trigger's NOTIFY would get here too; doing it now closes the gap before it arrives.
  auth.revocations.userDeleted(id)
  logSecurity(auth.ctx.logs, { event: 'user_deleted', message: `${actor} deleted user ${user.email || id}`, meta, userId: id, email: user.email, fields: { actor } })
  return { message: 'User deleted successfully' }
}

export async function adminRevokeSessions(auth: AuthModule, id: string, actor: string, meta: RequestMeta) {
  await mustGet(auth, id)
  const revoked = await revokeSessions(auth, { userId: id }, 'admin_revoked')
  logSecurity(auth.ctx.logs, { event: 'sessions_revoked', message: `${actor} revoked ${revoked} session${revoked === 1 ? '' : 's'} of user ${id}`, meta, userId: id, fields: { actor, revoked } })
  return { message: `Revoked ${revoked} session${revoked === 1 ? '' : 's'}`, revoked }
}

export async function adminListSessions(auth: AuthModule, id: string) {
  await mustGet(auth, id)
  return { sessions: await listSessions(auth, id) }
}

export async function adminSendPasswordReset(auth: AuthModule, id: string, actor: string, meta: RequestMeta) {
  const user = await mustGet(auth, id)
  if (!user.email) throw new ApiError(400, 'VALIDATION_ERROR', 'this user has no email address')
  const mail = await sendAuthMail(auth, { id, email: user.email }, 'recovery')
  logSecurity(auth.ctx.logs, { event: 'password_reset_requested', message: `${actor} sent a password reset mail to ${user.email}`, meta, userId: id, email: user.email, fields: { actor } })
  return { message: 'Password reset mail sent (see the local mail inbox)', mail_id: mail.id }
}
