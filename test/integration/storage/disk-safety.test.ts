// What reaches the disk: raw-HTTP path traversal in every spelling (refused, nothing written anywhere), keys and
// file names that never become file names, an upload cut off mid-stream (no row, no file, no temp), and what a
// crash leaves behind (an orphan file, a temp file, a queued release) swept at the next start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import crypto from 'node:crypto'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'
import { createBucket, filesOnDisk, storageGet, tempFiles, upload } from './storage-helpers.js'

let t: TestRuntime
let dataDir: string

beforeAll(async () => {
  dataDir = tempDataDir()
  t = await startTestRuntime({ dataDir })
  await createBucket(t, 'docs')
  await upload(t, 'docs', 'keep.txt', 'kept')
})
afterAll(async () => {
  await t?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** A request whose path goes on the wire byte for byte (fetch would normalise "..", "%2e%2e" and "\\"). */
function raw(method: string, rawPath: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(t.info.apiUrl)
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: rawPath, headers: { Authorization: `Bearer ${t.info.serviceRoleKey}`, ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

function multipart(content: string, filename = 'blob'): { body: Buffer; type: string } {
  const b = `----x${crypto.randomBytes(6).toString('hex')}`
  const body = Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${b}--\r\n`)
  return { body, type: `multipart/form-data; boundary=${b}` }
}

/** Every file under the data directory except PostgreSQL's and the logs: what storage could have written. */
function snapshot(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (p.startsWith(path.join(dataDir, 'pgdata')) || p.startsWith(path.join(dataDir, 'logs'))) continue
      if (e.isDirectory()) walk(p)
      else out.push(path.relative(dataDir, p))
    }
  }
  walk(dataDir)
  return out.sort()
}

const ATTEMPTS = [
  '/api/v1/storage/docs/../../../../etc/passwd',
  '/api/v1/storage/docs/..%2F..%2F..%2Fsecrets.json',
  '/api/v1/storage/docs/%2e%2e/%2e%2e/secrets.json',
  '/api/v1/storage/docs/%2E%2E%2F%2E%2E%2Fsecrets.json',
  '/api/v1/storage/docs/a/%2e%2e/%2e%2e/%2e%2e/x',
  '/api/v1/storage/docs/..%5C..%5Csecrets.json',
  '/api/v1/storage/docs/..\\..\\secrets.json',
  '/api/v1/storage/docs//etc/passwd',
  '/api/v1/storage/docs/%2Fetc%2Fpasswd',
  '/api/v1/storage/docs/a%00.txt',
  '/api/v1/storage/docs/a%00/../../x',
  '/api/v1/storage/docs/%EF%BC%8E%EF%BC%8E%EF%BC%8Fsecrets.json',
  '/api/v1/storage/docs/%EF%BC%8E%EF%BC%8E/secrets.json',
  '/api/v1/storage/docs/%E2%80%A4%E2%80%A4/secrets.json',
  '/api/v1/storage/docs/%C0%AE%C0%AE/secrets.json',
  '/api/v1/storage/docs/.%2e/secrets.json',
  '/api/v1/storage/docs/%252e%252e/..',
  '/api/v1/storage/docs/%E2%80%AEtxt.exe',
  '/api/v1/storage/..%2F..%2Fetc/passwd',
  '/api/v1/storage/../../etc/passwd',
  '/api/v1/storage/%2e%2e/x.txt',
  '/api/v1/storage/docs/stream/../../secrets.json',
  '/api/v1/storage/docs/sign/../../secrets.json',
]

describe('path traversal over raw HTTP', () => {
  it.each(ATTEMPTS)('upload %s is refused and writes nothing', async (p) => {
    const before = snapshot()
    const { body, type } = multipart('pwned')
    const r = await raw('POST', p, body, { 'Content-Type': type })
    expect([400, 404], r.body).toContain(r.status)
    // Our key rule, or the router already refusing a malformed URL (overlong UTF-8).
    if (r.status === 400) expect(JSON.parse(r.body).code).toMatch(/^(INVALID_(KEY|BUCKET_NAME)|FST_ERR_BAD_URL)$/)
    expect(snapshot()).toEqual(before)
  })

  it.each(ATTEMPTS)('download and delete of %s are refused', async (p) => {
    for (const method of ['GET', 'HEAD', 'DELETE']) {
      const r = await raw(method, p)
      expect([400, 404], `${method} ${r.body}`).toContain(r.status)
    }
    // The sentinel object is untouched.
    expect(await (await storageGet(t, 'docs/keep.txt')).text()).toBe('kept')
  })

  it('the secrets next to the store are never served', async () => {
    const r = await raw('GET', '/api/v1/storage/docs/..%2F..%2Fsecrets.json')
    expect(r.body).not.toContain('jwtSecret')
  })

  it('a hostile multipart file name is ignored: only the URL names the object, and bytes go under a made-up name', async () => {
    const before = snapshot()
    const { body, type } = multipart('named by url', '../../../../evil.sh')
    const r = await raw('POST', '/api/v1/storage/docs/safe.txt', body, { 'Content-Type': type })
    expect(r.status).toBe(201)
    const added = snapshot().filter((f) => !before.includes(f))
    expect(added).toHaveLength(1)
    expect(added[0]).toMatch(/^storage\/objects\/[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(added[0].split('/')[2]).toBe(added[0].split('/')[3].slice(0, 2))
    expect(fs.existsSync(path.join(path.dirname(dataDir), 'evil.sh'))).toBe(false)
  })

  it('odd but canonical keys are stored as data, never as paths', async () => {
    for (const key of ['..hidden', 'a/..b/c', '.../x', 'con/aux/nul.txt', 'x:y|z*?.txt', "it's <b>.txt"]) {
      const encoded = key.split('/').map(encodeURIComponent).join('/')
      const form = multipart(key)
      const r = await raw('POST', `/api/v1/storage/docs/${encoded}`, form.body, { 'Content-Type': form.type })
      expect(r.status, `${key}: ${r.body}`).toBe(201)
      expect(JSON.parse(r.body).key).toBe(key)
    }
    for (const f of filesOnDisk(t)) expect(path.basename(f)).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('an upload cut off mid-stream', () => {
  it('leaves no row, no object file and no temp file', async () => {
    const before = filesOnDisk(t).length
    const url = new URL(`${t.info.apiUrl}/api/v1/storage/docs/stream/cut.bin`)
    await new Promise<void>((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: url.pathname, headers: { Authorization: `Bearer ${t.info.serviceRoleKey}`, 'Content-Length': String(50 * 1024 * 1024) } })
      req.on('error', () => resolve())
      req.write(Buffer.alloc(4 * 1024 * 1024, 7), () => setTimeout(() => { req.destroy(); resolve() }, 200))
    })
    for (let i = 0; i < 50 && tempFiles(t).length; i++) await new Promise((r) => setTimeout(r, 100))
    expect(tempFiles(t)).toEqual([])
    expect(filesOnDisk(t).length).toBe(before)
    const { rows } = await t.admin.query("SELECT count(*)::int AS n FROM storage.objects WHERE path = 'cut.bin'")
    expect(rows[0].n).toBe(0)
  })
})

describe('crash leftovers', () => {
  it('are swept at the next start: orphan files, temp files and queued releases; live objects stay', async () => {
    // An upload that crashed after its rename and before its commit, one that crashed mid-stream, and a delete whose
    // release was queued but never collected.
    const orphan = path.join(dataDir, 'storage', 'objects', 'ab', `ab${crypto.randomUUID().slice(2)}`)
    fs.mkdirSync(path.dirname(orphan), { recursive: true })
    fs.writeFileSync(orphan, 'half-committed')
    const temp = path.join(dataDir, 'storage', 'tmp', `${crypto.randomUUID()}.part`)
    fs.writeFileSync(temp, 'half-written')
    await upload(t, 'docs', 'released.txt', 'r')
    const { rows } = await t.admin.query("SELECT version::text FROM storage.objects WHERE path = 'released.txt'")
    const released = path.join(dataDir, 'storage', 'objects', rows[0].version.slice(0, 2), rows[0].version)
    // Delete the row and queue its file behind the API's back, as if the process died before collecting it.
    await t.admin.query("ALTER TABLE storage.objects DISABLE TRIGGER objects_queue_garbage; DELETE FROM storage.objects WHERE path = 'released.txt'; ALTER TABLE storage.objects ENABLE TRIGGER objects_queue_garbage")
    await t.admin.query('INSERT INTO storage.garbage (version) VALUES ($1)', [rows[0].version])
    expect([orphan, temp, released].every((p) => fs.existsSync(p))).toBe(true)

    await t.stop()
    t = await startTestRuntime({ dataDir })
    for (let i = 0; i < 100 && [orphan, temp, released].some((p) => fs.existsSync(p)); i++) await new Promise((r) => setTimeout(r, 100))
    expect([orphan, temp, released].map((p) => fs.existsSync(p))).toEqual([false, false, false])
    expect(await (await storageGet(t, 'docs/keep.txt')).text()).toBe('kept')
    const { rows: count } = await t.admin.query('SELECT count(*)::int AS n FROM storage.objects')
    expect(filesOnDisk(t).length).toBe(count[0].n)
  })
})
