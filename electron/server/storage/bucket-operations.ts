// storage/bucket-operations.ts — buckets as the caller: list, get, create, update, delete. Every statement runs
// under the caller's identity, so the policies on storage.buckets decide (service_role bypasses them; "admins manage
// buckets" lets app role admin do the rest; "public buckets are visible" lets anyone get a public one).
import { z } from 'zod'
import type { Identity } from '../identity.js'
import { ApiError } from '../errors.js'
import { parseBody } from '../http/parse-body.js'
import { withIdentity } from '../postgres/with-identity.js'
import { forbidden, storageDbError } from './storage-db-errors.js'
import { bucketNotFound } from './bucket-settings.js'
import type { StorageDeps } from './storage-deps.js'

export interface BucketJson {
  id: string
  name: string
  public: boolean
  allowed_mime_types: string[] | null
  max_file_size: number | null
  file_size_limit: number | null
  created_at: string
  updated_at: string
}

export const BUCKET_COLUMNS = 'id, name, public, allowed_mime_types, max_file_size::text, created_at, updated_at'

export function bucketJson(r: Record<string, unknown>): BucketJson {
  const max = r.max_file_size === null ? null : Number(r.max_file_size)
  return {
    id: r.id as string,
    name: r.name as string,
    public: r.public as boolean,
    allowed_mime_types: (r.allowed_mime_types as string[] | null) ?? null,
    max_file_size: max,
    file_size_limit: max,
    created_at: (r.created_at as Date).toISOString(),
    updated_at: (r.updated_at as Date).toISOString(),
  }
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 }

// Bytes as a number, or Supabase's "5MB" / "1.5 GB" strings; null removes the limit.
const sizeSchema = z.union([
  z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  z.string().regex(/^\s*\d+(\.\d+)?\s*(b|kb|mb|gb|tb)?\s*$/i, 'a size such as 1048576 or "5MB"').transform((s) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(s)!
    return Math.round(Number(m[1]) * (UNITS[m[2].toLowerCase() || 'b'] ?? 1))
  }),
  z.null(),
])

const mimeSchema = z.string().regex(/^(\*|[\w.+-]+)\/(\*|[\w.+-]+)$/, 'a media type such as "image/png", "image/*" or "*/*"')

const settingsSchema = z
  .object({
    public: z.boolean().optional(),
    allowed_mime_types: z.array(mimeSchema).max(200).nullable().optional(),
    allowedMimeTypes: z.array(mimeSchema).max(200).nullable().optional(),
    max_file_size: sizeSchema.optional(),
    file_size_limit: sizeSchema.optional(),
    fileSizeLimit: sizeSchema.optional(),
  })
  .strict()

export interface BucketSettingsInput {
  public?: boolean
  allowed_mime_types?: string[] | null
  max_file_size?: number | null
}

/** The SDK's and Supabase's spellings → one settings object; unknown fields are a 400. */
export function parseBucketSettings(body: unknown): BucketSettingsInput {
  const s = parseBody(settingsSchema, body ?? {})
  const out: BucketSettingsInput = {}
  if (s.public !== undefined) out.public = s.public
  const mimes = s.allowed_mime_types !== undefined ? s.allowed_mime_types : s.allowedMimeTypes
  if (mimes !== undefined) out.allowed_mime_types = mimes && mimes.length ? mimes.map((m) => m.toLowerCase()) : null
  const size = s.max_file_size !== undefined ? s.max_file_size : s.file_size_limit !== undefined ? s.file_size_limit : s.fileSizeLimit
  if (size !== undefined) out.max_file_size = size === 0 ? null : size
  return out
}

/** Upstream: listing all buckets is for the service key and admins only. */
export function canListBuckets(identity: Identity): boolean {
  return identity.dbRole === 'service_role' || identity.appRole === 'admin' || identity.appRole === 'dashboard_admin'
}

export async function listBuckets(deps: StorageDeps, identity: Identity, requestId?: string): Promise<BucketJson[]> {
  if (!canListBuckets(identity)) {
    throw new ApiError(403, 'FORBIDDEN', 'listing buckets needs the service key or a user whose role is "admin"', undefined, 'use getBucket(name) for one bucket')
  }
  return withIdentity(deps.pools.api, identity, async (c) => (await c.query(`SELECT ${BUCKET_COLUMNS} FROM storage.buckets ORDER BY id`)).rows.map(bucketJson), { requestId })
}

export async function getBucket(deps: StorageDeps, identity: Identity, id: string, requestId?: string): Promise<BucketJson> {
  const row = await withIdentity(deps.pools.api, identity, async (c) => (await c.query(`SELECT ${BUCKET_COLUMNS} FROM storage.buckets WHERE id = $1`, [id])).rows[0], { requestId })
  if (!row) throw bucketNotFound(id)
  return bucketJson(row)
}

export async function createBucket(deps: StorageDeps, identity: Identity, id: string, settings: BucketSettingsInput, requestId?: string): Promise<BucketJson> {
  try {
    await withIdentity(
      deps.pools.api,
      identity,
      (c) =>
        c.query('INSERT INTO storage.buckets (id, name, public, allowed_mime_types, max_file_size) VALUES ($1, $1, $2, $3, $4)', [
          id,
          settings.public ?? false,
          settings.allowed_mime_types ?? null,
          settings.max_file_size ?? null,
        ]),
      { requestId },
    )
  } catch (err) {
    throw storageDbError(err, 'create bucket', id, '', identity)
  }
  // Read back as the caller when it can see it; a creator that cannot (odd policies) still gets what it sent.
  const now = new Date().toISOString()
  return getBucket(deps, identity, id, requestId).catch(() => ({
    id, name: id, public: settings.public ?? false, allowed_mime_types: settings.allowed_mime_types ?? null,
    max_file_size: settings.max_file_size ?? null, file_size_limit: settings.max_file_size ?? null, created_at: now, updated_at: now,
  }))
}

export async function updateBucket(deps: StorageDeps, identity: Identity, id: string, settings: BucketSettingsInput, requestId?: string): Promise<BucketJson> {
  const sets: string[] = []
  const values: unknown[] = [id]
  for (const col of ['public', 'allowed_mime_types', 'max_file_size'] as const) {
    if (settings[col] === undefined) continue
    values.push(settings[col])
    sets.push(`${col} = $${values.length}`)
  }
  if (!sets.length) throw new ApiError(400, 'INVALID_BODY', 'nothing to update: give public, allowed_mime_types or max_file_size')
  let outcome: 'updated' | 'refused' | 'missing'
  try {
    outcome = await withIdentity(
      deps.pools.api,
      identity,
      async (c) => {
        if ((await c.query(`UPDATE storage.buckets SET ${sets.join(', ')} WHERE id = $1`, values)).rowCount) return 'updated'
        return (await c.query('SELECT 1 FROM storage.buckets WHERE id = $1', [id])).rowCount ? 'refused' : 'missing'
      },
      { requestId },
    )
  } catch (err) {
    throw storageDbError(err, 'update bucket', id, '', identity)
  }
  if (outcome === 'refused') throw forbidden('update bucket', id, '', identity)
  if (outcome === 'missing') throw bucketNotFound(id)
  return getBucket(deps, identity, id, requestId)
}

export async function deleteBucket(deps: StorageDeps, identity: Identity, id: string, requestId?: string): Promise<void> {
  let outcome: 'deleted' | 'refused' | 'missing'
  try {
    outcome = await withIdentity(
      deps.pools.api,
      identity,
      async (c) => {
        if ((await c.query('DELETE FROM storage.buckets WHERE id = $1', [id])).rowCount) return 'deleted'
        return (await c.query('SELECT 1 FROM storage.buckets WHERE id = $1', [id])).rowCount ? 'refused' : 'missing'
      },
      { requestId },
    )
  } catch (err) {
    throw storageDbError(err, 'delete bucket', id, '', identity)
  }
  if (outcome === 'refused') throw forbidden('delete bucket', id, '', identity)
  if (outcome === 'missing') throw bucketNotFound(id)
}
