// storage/storage-db-errors.ts — PostgreSQL errors raised while storage runs the caller's statements → ApiErrors a
// developer can act on. A refusal by row-level security is a 403 whose hint shows the policy that would allow it;
// errors thrown by a policy's own expression (a uuid cast of a folder name…) are the request's 400, never a 500.
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'

export type StorageAction = 'upload' | 'overwrite' | 'read' | 'delete' | 'move' | 'copy' | 'create bucket' | 'update bucket' | 'delete bucket' | 'list'

interface PgError {
  code?: string
  message?: string
  detail?: string
}

// What each action needs from the policies on storage.objects, and the policy command that usually is missing.
const NEEDS: Record<Exclude<StorageAction, `${string} bucket`>, { needs: string; command: string; clause: string }> = {
  upload: { needs: 'INSERT', command: 'INSERT', clause: 'WITH CHECK' },
  copy: { needs: 'SELECT on the source and INSERT', command: 'INSERT', clause: 'WITH CHECK' },
  overwrite: { needs: 'SELECT, INSERT and UPDATE (upsert)', command: 'UPDATE', clause: 'USING' },
  read: { needs: 'SELECT', command: 'SELECT', clause: 'USING' },
  list: { needs: 'SELECT', command: 'SELECT', clause: 'USING' },
  delete: { needs: 'SELECT and DELETE', command: 'DELETE', clause: 'USING' },
  move: { needs: 'SELECT and UPDATE', command: 'UPDATE', clause: 'USING' },
}

export function policyHint(action: StorageAction, bucket: string, identity: Identity): string {
  if (action.endsWith('bucket')) {
    return 'buckets are managed with the service key, or by a user whose role is "admin" (policy "admins manage buckets" on storage.buckets)'
  }
  const { needs, command, clause } = NEEDS[action as keyof typeof NEEDS]
  const role = identity.dbRole === 'anon' ? 'anon' : 'authenticated'
  const lit = bucket.replace(/'/g, "''")
  const condition = role === 'anon' ? `bucket_id = '${lit}'` : `bucket_id = '${lit}' AND (storage.foldername(name))[1] = auth.uid()::text`
  return `to ${action}, role "${role}" needs ${needs} through the policies on storage.objects, e.g. CREATE POLICY "…" ON storage.objects FOR ${command} TO ${role} ${clause} (${condition})`
}

export function forbidden(action: StorageAction, bucket: string, key: string, identity: Identity, details?: string): ApiError {
  const what = action.endsWith('bucket') ? `bucket "${bucket}"` : `"${bucket}/${key}"`
  return new ApiError(403, '42501', `row-level security refused to ${action} ${what}`, details, policyHint(action, bucket, identity))
}

/** Maps what PostgreSQL raised; anything unexpected is returned unchanged (a 500, logged with its cause). */
export function storageDbError(err: unknown, action: StorageAction, bucket: string, key: string, identity: Identity): unknown {
  const e = err as PgError
  if (!e || typeof e.code !== 'string') return err
  if (e.code === '42501') return forbidden(action, bucket, key, identity, e.message)
  if (e.code === '23505') {
    if (action.endsWith('bucket')) return new ApiError(409, 'CONFLICT', `bucket "${bucket}" already exists`)
    return new ApiError(409, 'CONFLICT', `an object already exists at "${bucket}/${key}"`, undefined, action === 'upload' ? 'send upsert=true to replace it' : undefined)
  }
  if (e.code === '23503') {
    if (action === 'delete bucket') {
      return new ApiError(409, 'BUCKET_NOT_EMPTY', `bucket "${bucket}" is not empty: delete its objects first`, undefined, 'storage.from(bucket).list() then remove() them, or emptyBucket()')
    }
    return new ApiError(404, 'BUCKET_NOT_FOUND', `bucket "${bucket}" not found`)
  }
  if (e.code === '23514') return new ApiError(400, 'CHECK_VIOLATION', e.message ?? 'a check constraint refused the value', e.detail)
  // Class 22 (data exception) and P0001 (RAISE) come from a policy's own expression, evaluated on this request's path.
  if (e.code.startsWith('22') || e.code === 'P0001') {
    return new ApiError(400, e.code, `a policy on storage.objects failed on "${bucket}/${key}": ${e.message}`, e.detail, 'check the expressions of the storage policies (e.g. a ::uuid cast of a folder name that is not a uuid)')
  }
  if (e.code === '40001' || e.code === '40P01') return new ApiError(503, e.code, 'the storage change conflicted with a concurrent one: retry', e.message)
  return err
}
