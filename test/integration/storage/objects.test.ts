// Storage objects end to end (contract §8) against a real runtime: upload in every form the SDK and Supabase send,
// download with Range / ETag / Last-Modified / HEAD, list, delete, signed URLs, copy and move, and each refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import crypto from 'node:crypto'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { createBucket, filesOnDisk, storageGet, storageJson, tempFiles, upload } from './storage-helpers.js'

let t: TestRuntime
const md5 = (s: string | Buffer) => crypto.createHash('md5').update(s).digest('hex')

beforeAll(async () => {
  t = await startTestRuntime()
  await createBucket(t, 'docs')
  await createBucket(t, 'small', { max_file_size: 10 })
  await createBucket(t, 'images', { allowed_mime_types: ['image/*', 'application/pdf'] })
})
afterAll(async () => t?.stop())

describe('upload', () => {
  it('multipart as the SDK sends it → 201 with the stored object, row and file', async () => {
    const r = await upload(t, 'docs', 'a/hello.txt', 'hello world', { metadata: { alt: 'greeting' }, cacheControl: '3600' })
    expect(r.status).toBe(201)
    const body = await r.json()
    expect(body).toMatchObject({
      key: 'a/hello.txt', bucket: 'docs', size: 11, content_type: 'text/plain', fullPath: 'docs/a/hello.txt',
      etag: `"${md5('hello world')}"`, metadata: { alt: 'greeting' }, cache_control: 'max-age=3600', owner_id: null,
    })
    expect(new Date(body.last_modified).getTime()).toBeGreaterThan(Date.now() - 60_000)
    const { rows } = await t.admin.query('SELECT id::text, name, size::text, mime_type, metadata FROM storage.objects WHERE bucket_id = $1 AND path = $2', ['docs', 'a/hello.txt'])
    expect(rows).toEqual([{ id: body.id, name: 'a/hello.txt', size: '11', mime_type: 'text/plain', metadata: { alt: 'greeting' } }])
    expect(tempFiles(t)).toEqual([])
  })

  it('records the uploading user as owner', async () => {
    const user = crypto.randomUUID()
    const r = await upload(t, 'docs', 'owned.txt', 'x', { token: await t.signToken({ sub: user, role: 'service_role' }) })
    expect((await r.json()).owner_id).toBe(user)
  })

  it('chooses the content type: content_type field > the part type > the extension', async () => {
    expect((await (await upload(t, 'docs', 'ct/1.txt', 'x', { contentType: 'application/json', partType: 'image/png' })).json()).content_type).toBe('application/json')
    expect((await (await upload(t, 'docs', 'ct/2.txt', 'x', { partType: 'image/png' })).json()).content_type).toBe('image/png')
    expect((await (await upload(t, 'docs', 'ct/3.csv', 'x')).json()).content_type).toBe('text/csv')
    expect((await (await upload(t, 'docs', 'ct/4', 'x')).json()).content_type).toBe('application/octet-stream')
  })

  it('refuses a second upload to the same key unless upsert, which replaces the file and frees the old one', async () => {
    await upload(t, 'docs', 'up/v.txt', 'version 1')
    const before = filesOnDisk(t).length
    const dup = await upload(t, 'docs', 'up/v.txt', 'version 2')
    expect(dup.status).toBe(409)
    expect(await dup.json()).toMatchObject({ code: 'CONFLICT', error: 'an object already exists at "docs/up/v.txt"', hint: 'send upsert=true to replace it' })
    const up = await upload(t, 'docs', 'up/v.txt', 'version 2', { upsert: true })
    expect(up.status).toBe(201)
    expect(await (await storageGet(t, 'docs/up/v.txt')).text()).toBe('version 2')
    expect(filesOnDisk(t).length).toBe(before)
    // Supabase's x-upsert header and PUT (update()) replace too.
    const viaHeader = await fetch(`${t.info.apiUrl}/api/v1/storage/docs/up/v.txt`, { method: 'POST', headers: { Authorization: `Bearer ${t.info.serviceRoleKey}`, 'x-upsert': 'true' }, body: (() => { const f = new FormData(); f.append('file', new Blob(['version 3'])); return f })() })
    expect(viaHeader.status).toBe(201)
    expect((await upload(t, 'docs', 'up/v.txt', 'version 4', { method: 'PUT' })).status).toBe(201)
    expect(await (await storageGet(t, 'docs/up/v.txt')).text()).toBe('version 4')
    expect(filesOnDisk(t).length).toBe(before)
  })

  it('takes the SDK uploadStream() form: raw body (sent as application/json) with X-Storage-* headers', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 254, 123, 34])
    const r = await fetch(`${t.info.apiUrl}/api/v1/storage/docs/stream/raw.bin`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${t.info.serviceRoleKey}`, 'Content-Type': 'application/json', 'Content-Length': String(bytes.length),
        'X-Storage-Content-Type': 'application/x-thing', 'X-Storage-Cache-Control': 'max-age=5', 'X-Storage-Metadata': '{"k":"v"}',
      },
      body: bytes,
    })
    expect(r.status).toBe(201)
    expect(await r.json()).toMatchObject({ key: 'raw.bin', size: 7, content_type: 'application/x-thing', cache_control: 'max-age=5', metadata: { k: 'v' } })
    const got = await storageGet(t, 'docs/raw.bin')
    expect(Buffer.from(await got.arrayBuffer())).toEqual(bytes)
    // A raw (non-multipart) POST to a key is an upload too, typed by its Content-Type.
    const plain = await fetch(`${t.info.apiUrl}/api/v1/storage/docs/plain.png`, { method: 'POST', headers: { Authorization: `Bearer ${t.info.serviceRoleKey}`, 'Content-Type': 'image/png' }, body: 'png!' })
    expect(await plain.json()).toMatchObject({ key: 'plain.png', content_type: 'image/png', size: 4 })
  })

  it('a multipart POST is always an upload, even to keys named like the sign/copy/stream routes', async () => {
    for (const key of ['sign/x.txt', 'copy', 'move', 'stream/y.txt', 'chunked/z']) {
      expect((await upload(t, 'docs', key, key)).status).toBe(201)
      expect(await (await storageGet(t, `docs/${key}`)).text()).toBe(key)
    }
  })

  it('enforces max_file_size with a 413 in words, and keeps nothing of the refused file', async () => {
    const files = filesOnDisk(t).length
    expect((await upload(t, 'small', 'ten.txt', '0123456789')).status).toBe(201)
    const r = await upload(t, 'small', 'eleven.txt', '0123456789A')
    expect(r.status).toBe(413)
    expect(await r.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', error: 'the file is too large: bucket "small" accepts files of at most 10 bytes (10 bytes)' })
    const raw = await fetch(`${t.info.apiUrl}/api/v1/storage/small/stream/big.bin`, { method: 'POST', headers: { Authorization: `Bearer ${t.info.serviceRoleKey}` }, body: Buffer.alloc(100_000) })
    expect(raw.status).toBe(413)
    expect(filesOnDisk(t).length).toBe(files + 1)
    expect(tempFiles(t)).toEqual([])
    expect((await storageGet(t, 'small/eleven.txt')).status).toBe(404)
  })

  it('enforces allowed_mime_types with a 415 in words', async () => {
    const r = await upload(t, 'images', 'notes.txt', 'text')
    expect(r.status).toBe(415)
    expect(await r.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', error: 'bucket "images" does not accept files of type "text/plain": allowed types are image/*, application/pdf' })
    expect((await upload(t, 'images', 'pic.png', 'png')).status).toBe(201)
    expect((await upload(t, 'images', 'doc', 'pdf', { contentType: 'application/pdf' })).status).toBe(201)
    expect((await upload(t, 'images', 'sneaky.png', 'x', { contentType: 'text/html' })).status).toBe(415)
    expect(tempFiles(t)).toEqual([])
  })

  it.each([
    ['no file part', () => { const f = new FormData(); f.append('content_type', 'text/plain'); return f }, 400, 'FILE_REQUIRED'],
    ['two files', () => { const f = new FormData(); f.append('file', new Blob(['a'])); f.append('file', new Blob(['b'])); return f }, 400, 'TOO_MANY_FILES'],
    ['metadata not JSON', () => { const f = new FormData(); f.append('file', new Blob(['a'])); f.append('metadata', '{nope'); return f }, 400, 'INVALID_METADATA'],
    ['metadata an array', () => { const f = new FormData(); f.append('file', new Blob(['a'])); f.append('metadata', '[1]'); return f }, 400, 'INVALID_METADATA'],
    ['bad upsert', () => { const f = new FormData(); f.append('file', new Blob(['a'])); f.append('upsert', 'maybe'); return f }, 400, 'INVALID_UPSERT'],
    ['bad content_type', () => { const f = new FormData(); f.append('file', new Blob(['a'])); f.append('content_type', 'text/plain\r\nX: y'); return f }, 400, 'INVALID_CONTENT_TYPE'],
  ])('refuses %s', async (_name, form, status, code) => {
    const r = await fetch(`${t.info.apiUrl}/api/v1/storage/docs/refused.txt`, { method: 'POST', headers: { Authorization: `Bearer ${t.info.serviceRoleKey}` }, body: form() })
    expect(r.status).toBe(status)
    expect((await r.json()).code).toBe(code)
    expect(tempFiles(t)).toEqual([])
  })

  it('fields before the file work as well as after it', async () => {
    const f = new FormData()
    f.append('content_type', 'text/markdown')
    f.append('metadata', '{"order":"first"}')
    f.append('file', new Blob(['# hi']))
    const r = await fetch(`${t.info.apiUrl}/api/v1/storage/docs/first.md`, { method: 'POST', headers: { Authorization: `Bearer ${t.info.serviceRoleKey}` }, body: f })
    expect(await r.json()).toMatchObject({ content_type: 'text/markdown', metadata: { order: 'first' } })
  })

  it('unknown bucket → 404, bad token → 401, before any byte is stored', async () => {
    const r = await upload(t, 'nope', 'x.txt', 'x')
    expect(r.status).toBe(404)
    expect(await r.json()).toMatchObject({ code: 'BUCKET_NOT_FOUND', error: 'bucket "nope" not found' })
    expect((await upload(t, 'docs', 'x.txt', 'x', { token: 'not-a-jwt' })).status).toBe(401)
    expect(tempFiles(t)).toEqual([])
  })
})

describe('download', () => {
  beforeAll(async () => {
    await upload(t, 'docs', 'dl/abc.txt', 'abcdefghij', { cacheControl: 'public, max-age=60' })
    await upload(t, 'docs', 'dl/page.html', '<script>alert(1)</script>')
  })

  it('serves the bytes with Content-Type, Content-Length, ETag, Last-Modified, Cache-Control', async () => {
    const r = await storageGet(t, 'docs/dl/abc.txt')
    expect(r.status).toBe(200)
    expect(await r.text()).toBe('abcdefghij')
    const { rows } = await t.admin.query("SELECT updated_at FROM storage.objects WHERE path = 'dl/abc.txt'")
    expect(Object.fromEntries(['content-type', 'content-length', 'etag', 'last-modified', 'accept-ranges', 'cache-control', 'x-content-type-options', 'content-disposition'].map((h) => [h, r.headers.get(h)]))).toEqual({
      'content-type': 'text/plain',
      'content-length': '10',
      etag: `"${md5('abcdefghij')}"`,
      'last-modified': (rows[0].updated_at as Date).toUTCString(),
      'accept-ranges': 'bytes',
      'cache-control': 'public, max-age=60',
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="abc.txt"; filename*=UTF-8''abc.txt`,
    })
    expect(r.headers.get('access-control-expose-headers') ?? '').toContain('Accept-Ranges')
  })

  it('serves what could run script as a sandboxed attachment', async () => {
    const r = await storageGet(t, 'docs/dl/page.html')
    expect(r.headers.get('content-type')).toBe('text/html')
    expect(r.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
  })

  it('?download[=name] forces an attachment', async () => {
    expect((await storageGet(t, 'docs/dl/abc.txt?download')).headers.get('content-disposition')).toMatch(/^attachment; filename="abc.txt"/)
    expect((await storageGet(t, 'docs/dl/abc.txt?download=report.txt')).headers.get('content-disposition')).toMatch(/^attachment; filename="report.txt"/)
  })

  it.each([
    ['bytes=0-3', 206, 'abcd', 'bytes 0-3/10'],
    ['bytes=7-', 206, 'hij', 'bytes 7-9/10'],
    ['bytes=-2', 206, 'ij', 'bytes 8-9/10'],
    ['bytes=5-500', 206, 'fghij', 'bytes 5-9/10'],
    ['bytes=10-', 416, '', 'bytes */10'],
    ['bytes=0-1,4-5', 200, 'abcdefghij', null],
  ])('Range %s → %i', async (range, status, body, contentRange) => {
    const r = await storageGet(t, 'docs/dl/abc.txt', undefined, { Range: range })
    expect(r.status).toBe(status)
    expect(await r.text()).toBe(body)
    expect(r.headers.get('content-range')).toBe(contentRange)
    if (status === 206) expect(r.headers.get('content-length')).toBe(String(body.length))
  })

  it('If-Range with a stale ETag sends the whole file', async () => {
    const r = await storageGet(t, 'docs/dl/abc.txt', undefined, { Range: 'bytes=0-1', 'If-Range': '"stale"' })
    expect(r.status).toBe(200)
    expect(await r.text()).toBe('abcdefghij')
  })

  it('conditional requests: If-None-Match and If-Modified-Since → 304', async () => {
    const first = await storageGet(t, 'docs/dl/abc.txt')
    const etag = first.headers.get('etag')!
    expect((await storageGet(t, 'docs/dl/abc.txt', undefined, { 'If-None-Match': etag })).status).toBe(304)
    expect((await storageGet(t, 'docs/dl/abc.txt', undefined, { 'If-None-Match': `W/${etag}, "other"` })).status).toBe(304)
    expect((await storageGet(t, 'docs/dl/abc.txt', undefined, { 'If-None-Match': '"other"' })).status).toBe(200)
    expect((await storageGet(t, 'docs/dl/abc.txt', undefined, { 'If-Modified-Since': first.headers.get('last-modified')! })).status).toBe(304)
    expect((await storageGet(t, 'docs/dl/abc.txt', undefined, { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' })).status).toBe(200)
  })

  it('HEAD gives the headers and no body', async () => {
    const r = await storageGet(t, 'docs/dl/abc.txt', undefined, {}, 'HEAD')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-length')).toBe('10')
    expect(r.headers.get('content-type')).toBe('text/plain')
    expect(r.headers.get('accept-ranges')).toBe('bytes')
    expect(await r.text()).toBe('')
  })

  it('an empty file downloads as an empty body', async () => {
    await upload(t, 'docs', 'dl/empty.txt', '')
    const r = await storageGet(t, 'docs/dl/empty.txt')
    expect(r.status).toBe(200)
    expect(r.headers.get('content-length')).toBe('0')
    expect(await r.text()).toBe('')
  })

  it('404s say whether the bucket or the object is missing', async () => {
    expect(await (await storageGet(t, 'docs/dl/none.txt')).json()).toMatchObject({ code: 'OBJECT_NOT_FOUND', error: 'object "docs/dl/none.txt" not found' })
    expect(await (await storageGet(t, 'nobucket/x.txt')).json()).toMatchObject({ code: 'BUCKET_NOT_FOUND' })
  })

  it('a row inserted by hand, without bytes, is a 404 that says so (never a 500)', async () => {
    await t.admin.query("INSERT INTO storage.objects (bucket_id, path, size) VALUES ('docs', 'dl/by-hand.txt', 3)")
    const r = await storageGet(t, 'docs/dl/by-hand.txt')
    expect(r.status).toBe(404)
    expect((await r.json()).code).toBe('FILE_MISSING')
  })
})

describe('list', () => {
  beforeAll(async () => {
    for (const k of ['l/b.txt', 'l/a.txt', 'l/sub/c.txt', 'l/sub/deeper/d.txt', 'l/100%_x.txt', 'l/100ab.txt', 'other/e.txt']) await upload(t, 'docs', k, k)
  })
  const keys = async (q: string) => ((await (await storageGet(t, `docs?${q}`)).json()).files as Array<{ key: string }>).map((f) => f.key)

  it('returns files and objects (same list) with count, in path order', async () => {
    const body = await (await storageGet(t, 'docs?prefix=l/')).json()
    expect(body.files).toEqual(body.objects)
    expect(body.count).toBe(6)
    expect(body.bucket).toBe('docs')
    expect(body.files.map((f: { key: string }) => f.key)).toEqual(['l/100%_x.txt', 'l/100ab.txt', 'l/a.txt', 'l/b.txt', 'l/sub/c.txt', 'l/sub/deeper/d.txt'])
    expect(body.files[0]).toMatchObject({ name: 'l/100%_x.txt', bucket: 'docs', bucket_id: 'docs', size: 12, content_type: 'text/plain' })
  })

  it('limit and offset page through', async () => {
    expect(await keys('prefix=l/&limit=2')).toEqual(['l/100%_x.txt', 'l/100ab.txt'])
    expect(await keys('prefix=l/&limit=2&offset=2')).toEqual(['l/a.txt', 'l/b.txt'])
    expect(await keys('prefix=l/&offset=100')).toEqual([])
  })

  it('prefix is literal text: % and _ are not wildcards', async () => {
    expect(await keys('prefix=' + encodeURIComponent('l/100%_'))).toEqual(['l/100%_x.txt'])
  })

  it('delimiter=/ lists one folder: its files, and its sub-folders as prefixes', async () => {
    const body = await (await storageGet(t, 'docs?prefix=l/&delimiter=/')).json()
    expect(body.files.map((f: { key: string }) => f.key)).toEqual(['l/100%_x.txt', 'l/100ab.txt', 'l/a.txt', 'l/b.txt'])
    expect(body.prefixes).toEqual(['l/sub/'])
    expect((await (await storageGet(t, 'docs?delimiter=/&prefix=')).json()).prefixes).toEqual(expect.arrayContaining(['l/', 'other/']))
  })

  it.each([
    ['limit=0', 'limit'], ['limit=x', 'limit'], ['offset=-1', 'offset'], ['delimiter=%7C', 'delimiter'], ['prefix=%00', 'U+0000'],
  ])('refuses %s', async (q, word) => {
    const r = await storageGet(t, `docs?${q}`)
    expect(r.status).toBe(400)
    expect((await r.json()).error).toContain(word)
  })

  it('unknown bucket → 404', async () => {
    expect((await storageGet(t, 'ghost')).status).toBe(404)
  })
})

describe('delete', () => {
  it('204, then the object and its file are gone', async () => {
    await upload(t, 'docs', 'del/x.txt', 'bye')
    const before = filesOnDisk(t).length
    const r = await storageJson(t, 'DELETE', 'docs/del/x.txt')
    expect(r.status).toBe(204)
    expect((await storageGet(t, 'docs/del/x.txt')).status).toBe(404)
    expect(filesOnDisk(t).length).toBe(before - 1)
    expect((await storageJson(t, 'DELETE', 'docs/del/x.txt')).status).toBe(404)
  })

  it('a delete from the SQL console frees the file at the next collection', async () => {
    await upload(t, 'docs', 'del/sql.txt', 'bye')
    const before = filesOnDisk(t).length
    await t.admin.query("DELETE FROM storage.objects WHERE path = 'del/sql.txt'")
    expect(filesOnDisk(t).length).toBe(before)
    await upload(t, 'docs', 'del/trigger.txt', 'x', { upsert: true })
    await upload(t, 'docs', 'del/trigger.txt', 'y', { upsert: true })
    expect(filesOnDisk(t).length).toBe(before)
  })
})

describe('signed URLs', () => {
  beforeAll(async () => {
    await upload(t, 'docs', 'sig/secret.txt', 'top secret')
  })

  it('POST sign/{path} → {signed_url}, which anyone can GET (Range and HEAD too)', async () => {
    const r = await storageJson(t, 'POST', 'docs/sign/sig/secret.txt', { expires_in: 60 })
    expect(r.status).toBe(200)
    const body = await r.json()
    expect(body.signed_url).toMatch(new RegExp(`^${t.info.apiUrl}/api/v1/storage/object\\?token=`))
    expect(body).toMatchObject({ path: 'sig/secret.txt', expires_in: 60 })
    const got = await fetch(body.signed_url)
    expect(got.status).toBe(200)
    expect(await got.text()).toBe('top secret')
    expect(await (await fetch(body.signed_url, { headers: { Range: 'bytes=4-' } })).text()).toBe('secret')
    expect((await fetch(body.signed_url, { method: 'HEAD' })).headers.get('content-length')).toBe('10')
  })

  it('default expiry is 900 s; a bad expires_in is a 400', async () => {
    expect((await (await storageJson(t, 'POST', 'docs/sign/sig/secret.txt')).json()).expires_in).toBe(900)
    expect((await storageJson(t, 'POST', 'docs/sign/sig/secret.txt', { expires_in: -5 })).status).toBe(400)
  })

  it('expired, tampered or foreign tokens are refused', async () => {
    const { signed_url } = await (await storageJson(t, 'POST', 'docs/sign/sig/secret.txt', { expires_in: 1 })).json()
    await new Promise((r) => setTimeout(r, 2100))
    const expired = await fetch(signed_url)
    expect(expired.status).toBe(403)
    expect((await expired.json()).code).toBe('SIGNED_URL_EXPIRED')
    const { signed_url: fresh } = await (await storageJson(t, 'POST', 'docs/sign/sig/secret.txt', { expires_in: 60 })).json()
    expect((await fetch(fresh.slice(0, -3) + 'abc')).status).toBe(403)
    // An access token is not a signed URL, even the service key.
    expect((await fetch(`${t.info.apiUrl}/api/v1/storage/object?token=${t.info.serviceRoleKey}`)).status).toBe(403)
    expect((await fetch(`${t.info.apiUrl}/api/v1/storage/object`)).status).toBe(400)
  })

  it('signing a missing object is a 404', async () => {
    expect((await storageJson(t, 'POST', 'docs/sign/sig/none.txt', {})).status).toBe(404)
  })
})

describe('copy and move', () => {
  it('copy makes an independent object with the same bytes, type and metadata', async () => {
    await upload(t, 'docs', 'cp/src.txt', 'copy me', { metadata: { m: 1 } })
    const r = await storageJson(t, 'POST', 'docs/copy', { from_path: 'cp/src.txt', to_path: 'cp/dst.txt' })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ key: 'cp/dst.txt', size: 7, content_type: 'text/plain', metadata: { m: 1 }, etag: `"${md5('copy me')}"` })
    await storageJson(t, 'DELETE', 'docs/cp/src.txt')
    expect(await (await storageGet(t, 'docs/cp/dst.txt')).text()).toBe('copy me')
    expect((await storageJson(t, 'POST', 'docs/copy', { from_path: 'cp/dst.txt', to_path: 'cp/dst.txt' })).status).toBe(400)
    await upload(t, 'docs', 'cp/other.txt', 'o')
    expect((await storageJson(t, 'POST', 'docs/copy', { from_path: 'cp/dst.txt', to_path: 'cp/other.txt' })).status).toBe(409)
    expect((await storageJson(t, 'POST', 'docs/copy', { from_path: 'cp/none.txt', to_path: 'cp/x.txt' })).status).toBe(404)
  })

  it('move renames without touching the file on disk', async () => {
    await upload(t, 'docs', 'mv/a.txt', 'move me')
    const files = filesOnDisk(t).sort()
    const r = await storageJson(t, 'POST', 'docs/move', { from_path: 'mv/a.txt', to_path: 'mv/b/a.txt' })
    expect(r.status).toBe(200)
    expect(await r.json()).toEqual({ message: 'Successfully moved', bucket: 'docs', from_path: 'mv/a.txt', to_path: 'mv/b/a.txt' })
    expect((await storageGet(t, 'docs/mv/a.txt')).status).toBe(404)
    expect(await (await storageGet(t, 'docs/mv/b/a.txt')).text()).toBe('move me')
    expect(filesOnDisk(t).sort()).toEqual(files)
    await upload(t, 'docs', 'mv/c.txt', 'c')
    expect((await storageJson(t, 'POST', 'docs/move', { from_path: 'mv/c.txt', to_path: 'mv/b/a.txt' })).status).toBe(409)
    expect((await storageJson(t, 'POST', 'docs/move', { from_path: 'mv/none.txt', to_path: 'mv/z.txt' })).status).toBe(404)
  })

  it.each([
    [{ from_path: 'mv/c.txt', to_path: '../escape.txt' }, 'invalid to_path'],
    [{ from_path: 'mv/c.txt', to_path: '/abs.txt' }, 'invalid to_path'],
    [{ from_path: 'mv/c.txt', to_path: 'a\\b' }, 'invalid to_path'],
    [{ from_path: 'mv/c.txt', to_path: 'x\u0000' }, 'invalid to_path'],
    [{ from_path: 'mv/c.txt', to_path: '\uff0e\uff0e/x' }, 'invalid to_path'],
    [{ from_path: 5, to_path: 'x' }, 'from_path must be a string'],
    [{}, 'from_path must be a string'],
  ])('refuses body %j', async (body, error) => {
    const r = await storageJson(t, 'POST', 'docs/move', body)
    expect(r.status).toBe(400)
    expect((await r.json()).error).toContain(error)
  })

  it('a body that is not JSON is a 400', async () => {
    const r = await fetch(`${t.info.apiUrl}/api/v1/storage/docs/copy`, { method: 'POST', headers: { Authorization: `Bearer ${t.info.serviceRoleKey}`, 'Content-Type': 'application/json' }, body: '{' })
    expect(r.status).toBe(400)
    expect((await r.json()).code).toBe('INVALID_JSON')
  })
})

it('a resumable-upload init without its sizes is a 400 naming the field, and share() stores no object', async () => {
  const init = await storageJson(t, 'POST', 'docs/chunked/init', { path: 'x' })
  expect(init.status).toBe(400)
  expect((await init.json()).error).toBe('total_size must be a whole number from 0 to 9007199254740991')
  expect((await storageJson(t, 'POST', 'docs/a.txt/share', { user_id: 'u', permission: 'read' })).status).toBeGreaterThanOrEqual(400)
  expect((await storageGet(t, 'docs/a.txt/share')).status).toBe(404)
})
