// Resumable (chunked) uploads with the SDK's own algorithm: `uploadResumable` below is a line-for-line copy of what
// @fluxbase/sdk's StorageBucket.uploadResumable() sends (init JSON, PUT per chunk with Content-Length, resume through
// …/status reading session.completedChunks, then …/complete reading id/path/full_path). A 200 MB file is interrupted
// after 20 chunks, the runtime is stopped and started again on the same data directory, and the upload resumes
// from its session id. Plus the status / abort calls and each refusal.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'
import { createBucket, storageGet, storageJson } from './storage-helpers.js'
import { sweepExpiredUploads } from '../../../electron/server/storage/chunked-uploads.js'
import { storageDeps } from '../../../electron/server/storage/storage-routes.js'

const MB = 1024 * 1024

interface Progress { currentChunk: number; totalChunks: number; sessionId: string }
interface Options { chunkSize?: number; resumeSessionId?: string; signal?: AbortSignal; onProgress?: (p: Progress) => void; contentType?: string; token?: string }

/** The SDK's uploadResumable(), without retries (a failed chunk fails the test instead). */
async function uploadResumable(baseUrl: string, anonKey: string, bucket: string, filePath: string, file: Blob, options: Options = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', apikey: anonKey, Authorization: `Bearer ${options.token ?? anonKey}` }
  try {
    const chunkSize = options.chunkSize ?? 5 * MB
    const totalSize = file.size
    const totalChunks = Math.ceil(totalSize / chunkSize)
    let sessionId = options.resumeSessionId
    let completedChunks: number[] = []
    if (!sessionId) {
      const initResponse = await fetch(`${baseUrl}/api/v1/storage/${bucket}/chunked/init`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ path: filePath, total_size: totalSize, chunk_size: chunkSize, content_type: options.contentType || file.type || 'application/octet-stream' }),
        signal: options.signal,
      })
      if (!initResponse.ok) throw new Error(((await initResponse.json().catch(() => ({}))) as { error?: string }).error || 'Failed to initialize upload')
      const initData = (await initResponse.json()) as { session_id: string; completed_chunks?: number[] }
      sessionId = initData.session_id
    } else {
      const statusResponse = await fetch(`${baseUrl}/api/v1/storage/${bucket}/chunked/${sessionId}/status`, { method: 'GET', headers, signal: options.signal })
      if (!statusResponse.ok) throw new Error(((await statusResponse.json().catch(() => ({}))) as { error?: string }).error || 'Failed to get session status')
      const statusData = (await statusResponse.json()) as { session: { completedChunks: number[] } }
      completedChunks = statusData.session.completedChunks || []
    }
    for (let chunkIndex = 0; chunkIndex < totalChunks; chunkIndex++) {
      if (options.signal?.aborted) return { data: null, error: new Error('Upload aborted'), sessionId }
      if (completedChunks.includes(chunkIndex)) continue
      const start = chunkIndex * chunkSize
      const end = Math.min(start + chunkSize, totalSize)
      const chunkArrayBuffer = await file.slice(start, end).arrayBuffer()
      const chunkResponse = await fetch(`${baseUrl}/api/v1/storage/${bucket}/chunked/${sessionId}/${chunkIndex}`, {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': String(chunkArrayBuffer.byteLength) },
        body: chunkArrayBuffer,
      })
      if (!chunkResponse.ok) throw new Error(((await chunkResponse.json().catch(() => ({}))) as { error?: string }).error || 'Chunk upload failed')
      options.onProgress?.({ currentChunk: chunkIndex + 1, totalChunks, sessionId: sessionId! })
    }
    const completeResponse = await fetch(`${baseUrl}/api/v1/storage/${bucket}/chunked/${sessionId}/complete`, { method: 'POST', headers, signal: options.signal })
    if (!completeResponse.ok) throw new Error(((await completeResponse.json().catch(() => ({}))) as { error?: string }).error || 'Failed to complete upload')
    const result = (await completeResponse.json()) as { id: string; path: string; full_path: string }
    return { data: { id: result.id, path: result.path, fullPath: result.full_path }, error: null, sessionId }
  } catch (error) {
    return { data: null, error: error as Error, sessionId: options.resumeSessionId }
  }
}

/** 200 MB in which every MiB starts with its own number, so a chunk stored out of order changes the hash. */
function bigFile(sizeMb: number): { blob: Blob; md5: string } {
  const buf = Buffer.alloc(sizeMb * MB)
  const block = crypto.randomBytes(MB)
  for (let i = 0; i < sizeMb; i++) {
    block.copy(buf, i * MB)
    buf.writeUInt32BE(i, i * MB)
  }
  return { blob: new Blob([new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)], { type: 'application/octet-stream' }), md5: crypto.createHash('md5').update(buf).digest('hex') }
}

async function md5Of(r: Response): Promise<string> {
  const hash = crypto.createHash('md5')
  for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk)
  return hash.digest('hex')
}

describe('a 200 MB upload survives a runtime restart between parts', () => {
  const dataDir = tempDataDir()
  let t: TestRuntime | undefined
  afterAll(async () => {
    await t?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('20 chunks, restart, resume with resumeSessionId, complete; the object is byte-identical', async () => {
    const { blob, md5 } = bigFile(200)
    t = await startTestRuntime({ dataDir })
    await createBucket(t, 'videos')
    const key = t.info.serviceRoleKey
    const controller = new AbortController()
    let sessionId = ''
    const first = await uploadResumable(t.info.apiUrl, t.info.anonKey, 'videos', 'big/movie.bin', blob, {
      token: key,
      signal: controller.signal,
      onProgress: (p) => {
        sessionId = p.sessionId
        if (p.currentChunk === 20) controller.abort()
      },
    })
    expect(first.error?.message).toBe('Upload aborted')
    const parts = fs.readdirSync(path.join(dataDir, 'storage', 'chunked', sessionId))
    expect(parts).toHaveLength(20)
    await t.stop()

    t = await startTestRuntime({ dataDir })
    const status = await storageGet(t, `videos/chunked/${sessionId}/status`)
    expect(status.status).toBe(200)
    const { session } = (await status.json()) as { session: { completedChunks: number[]; totalChunks: number; status: string; path: string } }
    expect(session).toMatchObject({ totalChunks: 40, status: 'active', path: 'big/movie.bin' })
    expect(session.completedChunks).toEqual(Array.from({ length: 20 }, (_, i) => i))

    let sent = 0
    const second = await uploadResumable(t.info.apiUrl, t.info.anonKey, 'videos', 'big/movie.bin', blob, { token: key, resumeSessionId: sessionId, onProgress: () => sent++ })
    expect(second.error).toBeNull()
    expect(sent).toBe(20)
    expect(second.data).toMatchObject({ path: 'big/movie.bin', fullPath: 'videos/big/movie.bin' })
    const download = await storageGet(t, 'videos/big/movie.bin')
    expect(download.headers.get('content-length')).toBe(String(200 * MB))
    expect(await md5Of(download)).toBe(md5)
    // The chunks are gone once the object exists; the session says completed.
    expect(fs.existsSync(path.join(dataDir, 'storage', 'chunked', sessionId))).toBe(false)
    expect(((await (await storageGet(t, `videos/chunked/${sessionId}/status`)).json()) as { session: { status: string } }).session.status).toBe('completed')
  }, 600_000)
})

describe('sessions, abort and refusals', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await startTestRuntime()
    await createBucket(t, 'files')
    await createBucket(t, 'tiny', { max_file_size: 1000, allowed_mime_types: ['text/plain'] })
  })
  afterAll(async () => t?.stop())

  const init = (body: Record<string, unknown>, bucket = 'files', token?: string) => storageJson(t, 'POST', `${bucket}/chunked/init`, body, token)
  const put = (session: string, index: number | string, body: string) =>
    fetch(`${t.info.apiUrl}/api/v1/storage/files/chunked/${session}/${index}`, { method: 'PUT', headers: { Authorization: `Bearer ${t.info.serviceRoleKey}`, 'Content-Type': 'application/octet-stream' }, body })

  it('init answers the session (snake_case, as the SDK reads it); abort removes it', async () => {
    const r = await init({ path: 'a.txt', total_size: 10, chunk_size: 4, content_type: 'text/plain' })
    expect(r.status).toBe(201)
    const s = (await r.json()) as { session_id: string; total_chunks: number; completed_chunks: number[]; status: string }
    expect(s).toMatchObject({ total_chunks: 3, completed_chunks: [], status: 'active' })
    expect((await put(s.session_id, 0, 'abcd')).status).toBe(200)
    expect((await storageJson(t, 'DELETE', `files/chunked/${s.session_id}`)).status).toBe(204)
    expect(fs.existsSync(path.join(t.info.dataDir, 'storage', 'chunked', s.session_id))).toBe(false)
    expect((await put(s.session_id, 1, 'efgh')).status).toBe(409)
  })

  it('wrong chunk sizes, bad indexes and missing chunks are refused in words; a chunk may be sent again', async () => {
    const s = (await (await init({ path: 'b.txt', total_size: 10, chunk_size: 4 })).json()) as { session_id: string }
    const short = await put(s.session_id, 0, 'abc')
    expect(short.status).toBe(400)
    expect((await short.json()).error).toBe('chunk 0 must be 4 bytes, got 3')
    expect((await (await put(s.session_id, 3, 'ab')).json()).error).toBe('chunk index must be a whole number from 0 to 2, not "3"')
    expect((await put(s.session_id, 2, 'ij')).status).toBe(200)
    const early = await storageJson(t, 'POST', `files/chunked/${s.session_id}/complete`)
    expect(early.status).toBe(400)
    expect((await early.json()).error).toBe('chunks missing: 0, 1')
    expect((await put(s.session_id, 0, 'XXXX')).status).toBe(200)
    expect((await put(s.session_id, 0, 'abcd')).status).toBe(200)
    expect((await put(s.session_id, 1, 'efgh')).status).toBe(200)
    const done = await storageJson(t, 'POST', `files/chunked/${s.session_id}/complete`)
    expect(done.status).toBe(200)
    expect(await (await storageGet(t, 'files/b.txt')).text()).toBe('abcdefghij')
  })

  it('an expired session is refused (410) and housekeeping removes its chunks', async () => {
    const s = (await (await init({ path: 'late.txt', total_size: 8, chunk_size: 4 })).json()) as { session_id: string }
    expect((await put(s.session_id, 0, 'abcd')).status).toBe(200)
    await t.admin.query("UPDATE storage.chunked_uploads SET expires_at = now() - interval '1 minute' WHERE id = $1", [s.session_id])
    const late = await put(s.session_id, 1, 'efgh')
    expect(late.status).toBe(410)
    expect((await late.json()).code).toBe('UPLOAD_SESSION_EXPIRED')
    expect(await sweepExpiredUploads(storageDeps(t.ctx))).toBe(1)
    expect(fs.existsSync(path.join(t.info.dataDir, 'storage', 'chunked', s.session_id))).toBe(false)
  })

  it('someone else\'s session is not found; bucket limits apply at init', async () => {
    const s = (await (await init({ path: 'c.txt', total_size: 4, chunk_size: 4 })).json()) as { session_id: string }
    const other = await t.signToken({ sub: crypto.randomUUID(), role: 'authenticated' })
    expect((await storageGet(t, `files/chunked/${s.session_id}/status`, other)).status).toBe(404)
    expect((await storageJson(t, 'DELETE', `files/chunked/${s.session_id}`, undefined, other)).status).toBe(404)
    const big = await init({ path: 'big.txt', total_size: 5000, chunk_size: 1000, content_type: 'text/plain' }, 'tiny')
    expect(big.status).toBe(413)
    const type = await init({ path: 'x.bin', total_size: 10, chunk_size: 10, content_type: 'application/zip' }, 'tiny')
    expect(type.status).toBe(415)
    expect((await init({ path: 'x/signed-url', total_size: 1, chunk_size: 1 })).status).toBe(400)
    expect((await init({ path: 'y.txt', total_size: 10, chunk_size: 0 })).status).toBe(400)
    expect((await storageGet(t, `files/chunked/${crypto.randomUUID()}/status`)).status).toBe(404)
  })
})
