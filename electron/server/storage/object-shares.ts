// storage/object-shares.ts — the SDK's share(path, {userId, permission}) → POST …/{key}/share, revokeShare(path,
// userId) → DELETE …/{key}/share/{userId}, listShares(path) → GET …/{key}/shares → {shares}. Only the object's owner
// (or service_role) manages its shares; the grant takes effect through the policies of migration 0411, so what a
// share lets a user do is decided by RLS like everything else. Called by object-actions.ts.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { readJsonBody } from './json-body.js'
import { requireObject } from './object-reads.js'
import type { SuffixCall } from './reserved-suffixes.js'
import type { StorageDeps } from './storage-deps.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function sharesHandler(deps: StorageDeps) {
  return async (request: FastifyRequest, reply: FastifyReply, identity: Identity, bucket: string, call: Exclude<SuffixCall, { call: 'signed-url' }>): Promise<FastifyReply> => {
    const row = await requireObject(deps, identity, bucket, call.key, request.id)
    const owner = identity.dbRole === 'service_role' || (identity.userId !== null && identity.userId === row.owner_id)
    if (!owner) throw new ApiError(403, 'NOT_OBJECT_OWNER', `only the owner of "${bucket}/${call.key}" can manage its shares`)
    const db = deps.pools.api
    if (call.call === 'shares') {
      const { rows } = await db.query<{ user_id: string; permission: string; created_at: Date }>(
        'SELECT user_id::text, permission, created_at FROM storage.object_shares WHERE object_id = $1 ORDER BY created_at',
        [row.id],
      )
      return reply.send({ shares: rows.map((r) => ({ user_id: r.user_id, permission: r.permission, created_at: r.created_at.toISOString() })) })
    }
    if (call.call === 'unshare') {
      const { rowCount } = await db.query('DELETE FROM storage.object_shares WHERE object_id = $1 AND user_id = $2', [row.id, call.userId])
      if (!rowCount) throw new ApiError(404, 'SHARE_NOT_FOUND', `"${bucket}/${call.key}" is not shared with user ${call.userId}`)
      return reply.send({ message: 'Share revoked' })
    }
    const body = ((await readJsonBody(request)) ?? {}) as { user_id?: unknown; permission?: unknown }
    if (typeof body.user_id !== 'string' || !UUID.test(body.user_id)) throw new ApiError(400, 'INVALID_BODY', 'user_id must be the id (UUID) of the user to share with')
    if (body.permission !== 'read' && body.permission !== 'write') throw new ApiError(400, 'INVALID_BODY', 'permission must be "read" or "write"')
    if (body.user_id.toLowerCase() === row.owner_id) throw new ApiError(400, 'INVALID_BODY', 'the owner already has access to their own file')
    await db.query(
      `INSERT INTO storage.object_shares (object_id, user_id, permission, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (object_id, user_id) DO UPDATE SET permission = EXCLUDED.permission`,
      [row.id, body.user_id.toLowerCase(), body.permission, identity.userId && UUID.test(identity.userId) ? identity.userId : null],
    )
    return reply.send({ message: 'File shared', user_id: body.user_id.toLowerCase(), permission: body.permission })
  }
}
