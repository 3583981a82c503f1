// Big and parallel uploads: a 200 MB file generated on the fly goes socket → disk with memory staying flat (the
// server runs in this process, so process.memoryUsage() sees both ends), and concurrent uploads, upserts and
// same-key races end with one consistent object and exactly one file per object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import crypto from 'node:crypto'
import v8 from 'node:v8'
import vm from 'node:vm'
import http from 'node:http'
import { Readable } from 'node:stream'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { createBucket, filesOnDisk, storageGet, tempFiles, upload } from './storage-helpers.js'

let t: TestRuntime
const MiB = 1024 * 1024

beforeAll(async () => {
  t = await startTestRuntime()
  await createBucket(t, 'big')
})
afterAll(async () => t?.stop())

/**
 * A multipart body of `size` pseudo-random bytes, produced chunk by chunk as the socket asks for them; `md5` is
 * known once it has been read. (Sent with node:http: fetch holds a streamed request body in memory on Node 20.)
 */
function generatedMultipart(size: number) {
  const boundary = `----fluxbase${crypto.randomBytes(8).toString('hex')}`
  const hash = crypto.createHash('md5')
  const block = crypto.randomBytes(MiB)
  const result = { md5: '' }
  const stream = Readable.from(
    (function* () {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="blob"\r\nContent-Type: application/octet-stream\r\n\r\n`)
      for (let sent = 0; sent < size; sent += MiB) {
        // Vary every chunk so a stuck or repeated chunk would change the checksum.
        const chunk = Buffer.from(block.subarray(0, Math.min(MiB, size - sent)))
        chunk.writeUInt32BE(sent / MiB, 0)
        hash.update(chunk)
        yield chunk
      }
      result.md5 = hash.digest('hex')
      yield Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="content_type"\r\n\r\napplication/x-big\r\n--${boundary}--\r\n`)
    })(),
    { objectMode: false },
  )
  return { stream, contentType: `multipart/form-data; boundary=${boundary}`, result }
}

function postStream(url: string, headers: Record<string, string>, body: Readable): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString() || '{}') }))
    })
    req.on('error', reject)
    body.pipe(req)
  })
}

// Buffers are freed only when V8 collects them, so a plain peak would count garbage. Each sample first runs a full
// GC: what remains is what is actually held, which is what "never sits in memory" is about.
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

function sampleMemory() {
  const held = () => {
    gc()
    const m = process.memoryUsage()
    return { rss: m.rss, held: m.heapUsed + m.arrayBuffers }
  }
  const base = held()
  const peak = { ...base }
  const timer = setInterval(() => {
    const m = held()
    peak.rss = Math.max(peak.rss, m.rss)
    peak.held = Math.max(peak.held, m.held)
  }, 250)
  return {
    stop() {
      clearInterval(timer)
      return { rss: peak.rss - base.rss, held: peak.held - base.held }
    },
  }
}

describe('a 200 MB upload', () => {
  const size = 200 * MiB
  let md5 = ''

  it('streams to disk with memory bounded', { timeout: 240_000 }, async () => {
    const body = generatedMultipart(size)
    const memory = sampleMemory()
    const r = await postStream(`${t.info.apiUrl}/api/v1/storage/big/video.bin`, { Authorization: `Bearer ${t.info.serviceRoleKey}`, 'Content-Type': body.contentType }, body.stream)
    const growth = memory.stop()
    const json = r.json
    expect(r.status, JSON.stringify(json)).toBe(201)
    md5 = body.result.md5
    expect(json).toMatchObject({ size, content_type: 'application/x-big', etag: `"${md5}"` })
    // The file is 200 MiB; client and server together hold a few stream buffers of it at a time.
    console.log(`held memory growth during a 200 MiB upload: ${(growth.held / MiB).toFixed(1)} MiB (rss ${(growth.rss / MiB).toFixed(1)} MiB)`)
    // Typically 10–25 MiB (socket, busboy and file-stream buffers of both ends); the file itself would be 200.
    expect(growth.held).toBeLessThan(48 * MiB)
    expect(tempFiles(t)).toEqual([])
  })

  it('downloads whole (streamed, checksum equal) and by range', { timeout: 240_000 }, async () => {
    const head = await storageGet(t, 'big/video.bin', undefined, {}, 'HEAD')
    expect(head.headers.get('content-length')).toBe(String(size))
    const memory = sampleMemory()
    const r = await storageGet(t, 'big/video.bin')
    const hash = crypto.createHash('md5')
    let n = 0
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk)
      n += chunk.length
    }
    const growth = memory.stop()
    expect(n).toBe(size)
    expect(hash.digest('hex')).toBe(md5)
    console.log(`held memory growth during a 200 MiB download: ${(growth.held / MiB).toFixed(1)} MiB`)
    // Here fetch's own response buffering (client side, same process) is counted too.
    expect(growth.held).toBeLessThan(64 * MiB)
    const tail = await storageGet(t, 'big/video.bin', undefined, { Range: `bytes=${size - 10}-` })
    expect(tail.status).toBe(206)
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`)
    expect((await tail.arrayBuffer()).byteLength).toBe(10)
  })
})

describe('concurrent uploads', () => {
  it('many different keys at once all land, each with its own bytes', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => crypto.randomBytes(256 * 1024 + i))
    const results = await Promise.all(bodies.map((b, i) => upload(t, 'big', `par/${i}.bin`, b)))
    expect(results.map((r) => r.status)).toEqual(bodies.map(() => 201))
    for (const [i, b] of bodies.entries()) {
      expect(Buffer.from(await (await storageGet(t, `big/par/${i}.bin`)).arrayBuffer()).equals(b)).toBe(true)
    }
  })

  it('parallel upserts of one key: all succeed, one version wins whole, and only its file is kept', async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => Buffer.alloc(100_000 + i, i + 1))
    const results = await Promise.all(bodies.map((b) => upload(t, 'big', 'race/upsert.bin', b, { upsert: true })))
    expect(results.map((r) => r.status)).toEqual(bodies.map(() => 201))
    const got = Buffer.from(await (await storageGet(t, 'big/race/upsert.bin')).arrayBuffer())
    expect(bodies.some((b) => b.equals(got))).toBe(true)
    const { rows } = await t.admin.query('SELECT count(*)::int AS n FROM storage.objects')
    expect(filesOnDisk(t).length).toBe(rows[0].n)
  })

  it('parallel plain uploads of one key: exactly one 201, the rest 409, no stray file', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(t, 'big', 'race/once.bin', Buffer.alloc(50_000, i))))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409])
    const { rows } = await t.admin.query('SELECT count(*)::int AS n FROM storage.objects')
    expect(filesOnDisk(t).length).toBe(rows[0].n)
    expect(tempFiles(t)).toEqual([])
  })
})
