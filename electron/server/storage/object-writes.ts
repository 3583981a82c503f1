// storage/object-writes.ts — changing objects as the caller: store (upload, upsert, copy), delete, move. The order
// is what keeps disk and metadata consistent: a new file is durable in place BEFORE its row commits, and an old file
// is unlinked only AFTER the change that released it commits (garbage.ts). A failure in between leaves at most an
// unreferenced file, which nothing can reach and the start-up sweep removes.
import crypto from 'node:crypto'
import type { Identity } from '../identity.js'
import { ApiError } from '../errors.js'
import { withIdentity } from '../postgres/with-identity.js'
import { placeFile, discard, copyToTemp } from './atomic-file.js'
import { versionPath } from './disk-layout.js'
import { collectGarbage } from './garbage.js'
import { forbidden, storageDbError } from './storage-db-errors.js'
import { objectNotFound, requireObject } from './object-reads.js'
import type { ObjectRow } from './object-row.js'
import type { StorageDeps } from './storage-deps.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface StoreInput {
  bucket: string
  key: string
  /** A durable temp file (atomic-file.ts) with its size and MD5. */
  file: { tmpPath: string; size: number; md5: string }
  contentType: string
  cacheControl: string | null
  metadata: Record<string, unknown> | null
  upsert: boolean
}

const INSERT = `INSERT INTO storage.objects (id, bucket_id, path, mime_type, size, etag, cache_control, metadata, owner_id, version, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`

// RETURNING makes PostgreSQL check the SELECT policies on the new row too; an upsert needs SELECT anyway (to see the
// row it replaces), so only the upsert uses it, and a plain upload needs nothing beyond an INSERT policy.
const UPSERT = `${INSERT}
ON CONFLICT (bucket_id, path) DO UPDATE SET mime_type = EXCLUDED.mime_type, size = EXCLUDED.size, etag = EXCLUDED.etag,
  cache_control = EXCLUDED.cache_control, metadata = EXCLUDED.metadata, owner_id = EXCLUDED.owner_id, version = EXCLUDED.version
RETURNING id::text, created_at, updated_at`

/** Frees the files of replaced or deleted objects; never fails the request that triggered it. */
export async function freeReleasedFiles(deps: StorageDeps): Promise<void> {
  try {
    await collectGarbage(deps.pools.api, deps.layout)
  } catch (err) {
    deps.logs.log({ category: 'system', level: 'warn', component: 'storage', message: `could not free released files yet: ${(err as Error).message}` })
  }
}

/** After a failed commit: drop the new file unless a row does name it (a commit whose reply was lost). */
async function dropUnlessReferenced(deps: StorageDeps, version: string): Promise<void> {
  try {
    const { rowCount } = await deps.pools.admin.query('SELECT 1 FROM storage.objects WHERE version = $1', [version])
    if (!rowCount) await discard(versionPath(deps.layout, version))
  } catch {
    // The database is unreachable: keep the file; the start-up sweep removes it if no row names it.
  }
}

export async function storeObject(deps: StorageDeps, identity: Identity, input: StoreInput, requestId?: string): Promise<ObjectRow> {
  const version = crypto.randomUUID()
  let row: ObjectRow = {
    id: crypto.randomUUID(),
    bucket_id: input.bucket,
    path: input.key,
    mime_type: input.contentType,
    size: input.file.size,
    etag: input.file.md5,
    cache_control: input.cacheControl,
    metadata: input.metadata,
    owner_id: identity.userId && UUID.test(identity.userId) ? identity.userId : null,
    version,
    created_at: new Date(),
    updated_at: new Date(),
  }
  row.updated_at = row.created_at
  try {
    await placeFile(deps.layout, input.file.tmpPath, version)
  } catch (err) {
    await discard(input.file.tmpPath)
    throw err
  }
  let replacing = false
  try {
    const values = [row.id, row.bucket_id, row.path, row.mime_type, row.size, row.etag, row.cache_control, row.metadata, row.owner_id, version, row.created_at]
    await withIdentity(
      deps.pools.api,
      identity,
      async (client) => {
        // An object the caller cannot read is, for this caller, not there: the upload runs as the plain INSERT it
        // would be on a free key (the same 403 or 409 a non-upsert upload gets), never as an UPDATE whose refusal
        // would confirm that someone else's object exists.
        const visible = async () => (await client.query('SELECT 1 FROM storage.objects WHERE bucket_id = $1 AND path = $2', [input.bucket, input.key])).rowCount !== 0
        replacing = input.upsert && (await visible())
        if (!replacing) {
          if (!input.upsert) {
            await client.query(INSERT, values)
            return
          }
          // Parallel upserts of a new key: the others' rows appear between our look and our INSERT. A conflict with
          // a row this caller can read makes it the replace it asked for; one it cannot read stays the plain 409.
          await client.query('SAVEPOINT upsert_as_insert')
          try {
            await client.query(INSERT, values)
            return
          } catch (err) {
            if ((err as { code?: string }).code !== '23505') throw err
            await client.query('ROLLBACK TO SAVEPOINT upsert_as_insert')
            if (!(await visible())) throw err
            replacing = true
          }
        }
        const { rows } = await client.query<{ id: string; created_at: Date; updated_at: Date }>(UPSERT, values)
        row = { ...row, ...rows[0] }
      },
      { requestId },
    )
  } catch (err) {
    await dropUnlessReferenced(deps, version)
    throw storageDbError(err, replacing ? 'overwrite' : 'upload', input.bucket, input.key, identity)
  }
  if (replacing) await freeReleasedFiles(deps)
  return row
}

export async function deleteObject(deps: StorageDeps, identity: Identity, bucket: string, key: string, requestId?: string): Promise<void> {
  let outcome: 'deleted' | 'refused' | 'missing'
  try {
    outcome = await withIdentity(
      deps.pools.api,
      identity,
      async (client) => {
        const del = await client.query('DELETE FROM storage.objects WHERE bucket_id = $1 AND path = $2', [bucket, key])
        if (del.rowCount) return 'deleted'
        // Seen but not deleted: a DELETE policy refused. Not seen: as good as missing (no existence leak).
        const seen = await client.query('SELECT 1 FROM storage.objects WHERE bucket_id = $1 AND path = $2', [bucket, key])
        return seen.rowCount ? 'refused' : 'missing'
      },
      { requestId },
    )
  } catch (err) {
    throw storageDbError(err, 'delete', bucket, key, identity)
  }
  if (outcome === 'refused') throw forbidden('delete', bucket, key, identity)
  if (outcome === 'missing') throw await objectNotFound(deps, bucket, key)
  await freeReleasedFiles(deps)
}

export async function moveObject(deps: StorageDeps, identity: Identity, bucket: string, from: string, to: string, requestId?: string): Promise<void> {
  let outcome: 'moved' | 'refused' | 'missing'
  try {
    outcome = await withIdentity(
      deps.pools.api,
      identity,
      async (client) => {
        // The file on disk is named by version, not path: a move is a metadata change only.
        const upd = await client.query('UPDATE storage.objects SET path = $3 WHERE bucket_id = $1 AND path = $2', [bucket, from, to])
        if (upd.rowCount) return 'moved'
        const seen = await client.query('SELECT 1 FROM storage.objects WHERE bucket_id = $1 AND path = $2', [bucket, from])
        return seen.rowCount ? 'refused' : 'missing'
      },
      { requestId },
    )
  } catch (err) {
    throw storageDbError(err, 'move', bucket, to, identity)
  }
  if (outcome === 'refused') throw forbidden('move', bucket, from, identity)
  if (outcome === 'missing') throw await objectNotFound(deps, bucket, from)
}

export async function copyObject(deps: StorageDeps, identity: Identity, bucket: string, from: string, to: string, upsert: boolean, requestId?: string): Promise<ObjectRow> {
  const source = await requireObject(deps, identity, bucket, from, requestId)
  let tmpPath: string
  try {
    tmpPath = await copyToTemp(deps.layout, source.version)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    // Replaced (and its old file freed) between the lookup and the copy.
    throw new ApiError(409, 'CONFLICT', `"${bucket}/${from}" changed while it was being copied: retry`)
  }
  return storeObject(
    deps,
    identity,
    {
      bucket,
      key: to,
      file: { tmpPath, size: source.size, md5: source.etag ?? '' },
      contentType: source.mime_type,
      cacheControl: source.cache_control,
      metadata: source.metadata,
      upsert,
    },
    requestId,
  )
}

/** Deletes every object of a bucket that the identity may delete (the studio's "delete with its files"). */
export async function emptyBucket(deps: StorageDeps, identity: Identity, bucket: string, requestId?: string): Promise<number> {
  let removed: number
  try {
    removed = await withIdentity(deps.pools.api, identity, async (client) => (await client.query('DELETE FROM storage.objects WHERE bucket_id = $1', [bucket])).rowCount ?? 0, { requestId })
  } catch (err) {
    throw storageDbError(err, 'delete', bucket, '*', identity)
  }
  await freeReleasedFiles(deps)
  return removed
}
