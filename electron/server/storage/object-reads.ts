// storage/object-reads.ts — reading object metadata as the caller: one object, or a listing. Every statement runs
// through withIdentity, so what comes back is what the policies on storage.objects let this identity see.
import type { Identity } from '../identity.js'
import { ApiError } from '../errors.js'
import { withIdentity } from '../postgres/with-identity.js'
import { OBJECT_COLUMNS, toObjectRow, type ObjectRow } from './object-row.js'
import { storageDbError } from './storage-db-errors.js'
import { loadBucketSettings, bucketNotFound } from './bucket-settings.js'
import type { StorageDeps } from './storage-deps.js'

export async function findObject(deps: StorageDeps, identity: Identity, bucket: string, key: string, requestId?: string): Promise<ObjectRow | undefined> {
  try {
    return await withIdentity(
      deps.pools.api,
      identity,
      async (client) => {
        const { rows } = await client.query(`SELECT ${OBJECT_COLUMNS} FROM storage.objects WHERE bucket_id = $1 AND path = $2`, [bucket, key])
        return rows[0] ? toObjectRow(rows[0]) : undefined
      },
      { requestId },
    )
  } catch (err) {
    throw storageDbError(err, 'read', bucket, key, identity)
  }
}

/** 404 for an object the caller cannot see, in words that tell a missing bucket from a missing (or hidden) file. */
export async function objectNotFound(deps: StorageDeps, bucket: string, key: string): Promise<ApiError> {
  if (!(await loadBucketSettings(deps.pools.api, bucket))) return bucketNotFound(bucket)
  return new ApiError(404, 'OBJECT_NOT_FOUND', `object "${bucket}/${key}" not found`, undefined, 'it does not exist, or no policy on storage.objects lets this identity SELECT it')
}

export async function requireObject(deps: StorageDeps, identity: Identity, bucket: string, key: string, requestId?: string): Promise<ObjectRow> {
  const row = await findObject(deps, identity, bucket, key, requestId)
  if (!row) throw await objectNotFound(deps, bucket, key)
  return row
}

export interface ListOptions {
  prefix: string
  limit: number
  offset: number
  /** With a delimiter ("/"), only the objects directly under the prefix, plus the sub-folders as `prefixes`. */
  delimiter?: string
}

export interface Listing {
  objects: ObjectRow[]
  prefixes?: string[]
}

export async function listObjects(deps: StorageDeps, identity: Identity, bucket: string, opts: ListOptions, requestId?: string): Promise<Listing> {
  if (!(await loadBucketSettings(deps.pools.api, bucket))) throw bucketNotFound(bucket)
  try {
    return await withIdentity(
      deps.pools.api,
      identity,
      async (client) => {
        if (!opts.delimiter) {
          const { rows } = await client.query(
            `SELECT ${OBJECT_COLUMNS} FROM storage.objects WHERE bucket_id = $1 AND starts_with(path, $2) ORDER BY path COLLATE "C" LIMIT $3 OFFSET $4`,
            [bucket, opts.prefix, opts.limit, opts.offset],
          )
          return { objects: rows.map(toObjectRow) }
        }
        // The rest of the path after the prefix decides: no delimiter in it → a file here; else a sub-folder.
        const rest = 'substr(path, char_length($2) + 1)'
        const files = await client.query(
          `SELECT ${OBJECT_COLUMNS} FROM storage.objects WHERE bucket_id = $1 AND starts_with(path, $2) AND strpos(${rest}, $3) = 0
           ORDER BY path COLLATE "C" LIMIT $4 OFFSET $5`,
          [bucket, opts.prefix, opts.delimiter, opts.limit, opts.offset],
        )
        const folders = await client.query<{ prefix: string }>(
          `SELECT DISTINCT ($2 || split_part(${rest}, $3, 1) || $3) COLLATE "C" AS prefix FROM storage.objects
           WHERE bucket_id = $1 AND starts_with(path, $2) AND strpos(${rest}, $3) > 0 ORDER BY 1`,
          [bucket, opts.prefix, opts.delimiter],
        )
        return { objects: files.rows.map(toObjectRow), prefixes: folders.rows.map((r) => r.prefix) }
      },
      { requestId },
    )
  } catch (err) {
    throw storageDbError(err, 'list', bucket, opts.prefix, identity)
  }
}
