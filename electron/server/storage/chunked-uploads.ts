// storage/chunked-uploads.ts — resumable upload sessions (storage.chunked_uploads) and their chunks on disk
// (DATA_DIR/storage/chunked/<session>/<index>.part). Each chunk is streamed to a durable temp file and renamed into
// place, then recorded; completion streams the chunks, in order, into one temp file that the ordinary store path
// (object-writes.ts) turns into the object. Nothing here lives in memory, so a restart between parts loses nothing.
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { discard, receiveToTemp, type ReceivedFile } from './atomic-file.js'
import type { DiskLayout } from './disk-layout.js'
import type { StorageDeps } from './storage-deps.js'

export const SESSION_TTL_HOURS = 24
export const MAX_CHUNK_BYTES = 100 * 1024 * 1024
export const MAX_CHUNKS = 10_000

export interface ChunkedSession {
  id: string
  bucket_id: string
  path: string
  total_size: number
  chunk_size: number
  total_chunks: number
  content_type: string
  cache_control: string | null
  metadata: Record<string, unknown> | null
  owner_key: string
  status: 'active' | 'completing' | 'completed' | 'aborted'
  completed_chunks: number[]
  expires_at: Date
  created_at: Date
}

const COLUMNS = 'id::text, bucket_id, path, total_size::text, chunk_size::text, total_chunks, content_type, cache_control, metadata, owner_key, status, completed_chunks, expires_at, created_at'

function toSession(r: Record<string, unknown>): ChunkedSession {
  return { ...(r as unknown as ChunkedSession), total_size: Number(r.total_size), chunk_size: Number(r.chunk_size) }
}

export const ownerKey = (identity: Identity) => identity.userId ?? `role:${identity.appRole}`

export function chunkDir(layout: DiskLayout, session: string): string {
  return path.join(layout.root, 'chunked', session)
}

/** Wire shape: the SDK's ChunkedUploadSession is camelCase (status reads `session.completedChunks`); init's fields are snake_case. */
export function sessionJson(s: ChunkedSession) {
  const done = [...s.completed_chunks].sort((a, b) => a - b)
  const camel = { sessionId: s.id, bucket: s.bucket_id, path: s.path, totalSize: s.total_size, chunkSize: s.chunk_size, totalChunks: s.total_chunks, completedChunks: done, status: s.status, expiresAt: s.expires_at.toISOString(), createdAt: s.created_at.toISOString() }
  const snake = { session_id: s.id, total_size: s.total_size, chunk_size: s.chunk_size, total_chunks: s.total_chunks, completed_chunks: done, expires_at: camel.expiresAt, created_at: camel.createdAt, content_type: s.content_type }
  return { ...camel, ...snake }
}

export async function createSession(deps: StorageDeps, input: Omit<ChunkedSession, 'id' | 'status' | 'completed_chunks' | 'expires_at' | 'created_at'>): Promise<ChunkedSession> {
  const { rows } = await deps.pools.api.query(
    `INSERT INTO storage.chunked_uploads (bucket_id, path, total_size, chunk_size, total_chunks, content_type, cache_control, metadata, owner_key, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(hours => $10)) RETURNING ${COLUMNS}`,
    [input.bucket_id, input.path, input.total_size, input.chunk_size, input.total_chunks, input.content_type, input.cache_control, input.metadata, input.owner_key, SESSION_TTL_HOURS],
  )
  return toSession(rows[0])
}

/** The caller's session in this bucket; anyone else's (or none) is the same 404. */
export async function loadSession(deps: StorageDeps, identity: Identity, bucket: string, id: string): Promise<ChunkedSession> {
  const { rows } = await deps.pools.api.query(`SELECT ${COLUMNS} FROM storage.chunked_uploads WHERE id = $1 AND bucket_id = $2 AND owner_key = $3`, [id, bucket, ownerKey(identity)])
  if (!rows[0]) throw new ApiError(404, 'UPLOAD_SESSION_NOT_FOUND', `no resumable upload session ${id} in bucket "${bucket}"`, undefined, 'start one with POST …/chunked/init (uploadResumable() does)')
  const s = toSession(rows[0])
  if (s.expires_at.getTime() <= Date.now() && s.status === 'active') throw new ApiError(410, 'UPLOAD_SESSION_EXPIRED', `the upload session ${id} expired (sessions last ${SESSION_TTL_HOURS} hours)`)
  return s
}

export function requireActive(s: ChunkedSession): void {
  if (s.status !== 'active') throw new ApiError(409, 'UPLOAD_SESSION_CLOSED', `the upload session ${s.id} is ${s.status}`)
}

export function expectedChunkSize(s: ChunkedSession, index: number): number {
  return index === s.total_chunks - 1 ? s.total_size - index * s.chunk_size : s.chunk_size
}

/** Streams one chunk to disk and records it; a chunk sent again replaces the earlier copy. */
export async function storeChunk(deps: StorageDeps, s: ChunkedSession, index: number, body: Readable): Promise<{ size: number; md5: string; session: ChunkedSession }> {
  const expected = expectedChunkSize(s, index)
  let file: ReceivedFile | undefined
  try {
    file = await receiveToTemp(deps.layout, body, expected)
    if (file.truncated || file.size !== expected) {
      throw new ApiError(400, 'INVALID_CHUNK_SIZE', `chunk ${index} must be ${expected} bytes${file.truncated ? ', more arrived' : `, got ${file.size}`}`, undefined, `the session was started with chunk_size ${s.chunk_size} and total_size ${s.total_size}`)
    }
    const dir = chunkDir(deps.layout, s.id)
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 })
    await fsp.rename(file.tmpPath, path.join(dir, `${index}.part`))
  } catch (err) {
    await discard(file?.tmpPath)
    throw err
  }
  const { rows } = await deps.pools.api.query(
    `UPDATE storage.chunked_uploads SET completed_chunks = ARRAY(SELECT DISTINCT c FROM unnest(completed_chunks || $2::int) AS c ORDER BY c), updated_at = now()
      WHERE id = $1 AND status = 'active' RETURNING ${COLUMNS}`,
    [s.id, index],
  )
  if (!rows[0]) throw new ApiError(409, 'UPLOAD_SESSION_CLOSED', `the upload session ${s.id} was completed or aborted meanwhile`)
  return { size: file.size, md5: file.md5, session: toSession(rows[0]) }
}

/** One durable temp file holding every chunk in order (the caller stores it as the object). */
export async function assemble(deps: StorageDeps, s: ChunkedSession): Promise<ReceivedFile> {
  const missing = Array.from({ length: s.total_chunks }, (_, i) => i).filter((i) => !s.completed_chunks.includes(i))
  if (missing.length) {
    throw new ApiError(400, 'UPLOAD_INCOMPLETE', `chunks missing: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ` and ${missing.length - 20} more` : ''}`, undefined, 'upload them, then complete again (uploadResumable() with resumeSessionId does)')
  }
  const dir = chunkDir(deps.layout, s.id)
  async function* chunks() {
    for (let i = 0; i < s.total_chunks; i++) yield* fs.createReadStream(path.join(dir, `${i}.part`))
  }
  const file = await receiveToTemp(deps.layout, Readable.from(chunks()), s.total_size)
  if (file.truncated || file.size !== s.total_size) {
    await discard(file.tmpPath)
    throw new ApiError(500, 'UPLOAD_CORRUPT', `the stored chunks add up to ${file.size} bytes, not ${s.total_size}`)
  }
  return file
}

export async function closeSession(deps: StorageDeps, s: ChunkedSession, status: 'completed' | 'aborted'): Promise<void> {
  await deps.pools.api.query('UPDATE storage.chunked_uploads SET status = $2, updated_at = now() WHERE id = $1', [s.id, status])
  await fsp.rm(chunkDir(deps.layout, s.id), { recursive: true, force: true })
}

/** Housekeeping: sessions past their expiry are closed and their chunks removed. Returns how many. */
export async function sweepExpiredUploads(deps: StorageDeps): Promise<number> {
  const { rows } = await deps.pools.api.query<{ id: string }>(
    "UPDATE storage.chunked_uploads SET status = 'aborted', updated_at = now() WHERE status = 'active' AND expires_at <= now() RETURNING id::text",
  )
  for (const { id } of rows) await fsp.rm(chunkDir(deps.layout, id), { recursive: true, force: true })
  return rows.length
}
