// Image transforms as the SDK asks for them: getTransformUrl() → ?w=&h=&fmt=&q=&fit= on the object URL, and
// createSignedUrl(path, { transform }) → width/height/format/quality/fit signed into the URL. Each output format is
// decoded again with sharp to check size and format; results are cached on disk by parameters; hostile requests
// (oversized dimensions, unknown formats, a non-image, a decompression bomb) are refused in words.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { createBucket, storageGet, storageJson, upload } from './storage-helpers.js'

let t: TestRuntime

/** A 1×1 PNG whose header claims width × height: tiny on disk, a bomb if decoded. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer())
  // IHDR data starts at byte 16 (8 signature + 4 length + 4 type); its CRC covers type + data (17 bytes).
  png.writeUInt32BE(width, 16)
  png.writeUInt32BE(height, 20)
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29)
  return png
}

beforeAll(async () => {
  t = await startTestRuntime()
  await createBucket(t, 'pics', { public: true })
  const photo = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer())
  expect((await upload(t, 'pics', 'photo.png', photo, { contentType: 'image/png' })).status).toBe(201)
  expect((await upload(t, 'pics', 'notes.txt', 'just text')).status).toBe(201)
  expect((await upload(t, 'pics', 'bomb.png', new Uint8Array(await pngClaiming(20_000, 20_000)), { contentType: 'image/png' })).status).toBe(201)
})
afterAll(async () => t?.stop())

async function meta(r: Response) {
  expect(r.status).toBe(200)
  return sharp(Buffer.from(await r.arrayBuffer()), { animated: true }).metadata()
}

describe('transforms on the object URL (getTransformUrl)', () => {
  const formats = [
    { fmt: 'webp', type: 'image/webp', decoded: 'webp' },
    { fmt: 'jpg', type: 'image/jpeg', decoded: 'jpeg' },
    { fmt: 'png', type: 'image/png', decoded: 'png' },
    { fmt: 'avif', type: 'image/avif', decoded: 'heif' },
    { fmt: 'gif', type: 'image/gif', decoded: 'gif' },
  ]
  for (const f of formats) {
    it(`w=32&fmt=${f.fmt} → a 32×24 ${f.type}`, async () => {
      const r = await storageGet(t, `pics/photo.png?w=32&fmt=${f.fmt}`)
      expect(r.headers.get('content-type')).toBe(f.type)
      const m = await meta(r)
      expect([m.format, m.width, m.height]).toEqual([f.decoded, 32, 24])
    })
  }

  it('width + height with fit: cover crops to the box, inside keeps the aspect ratio', async () => {
    const cover = await meta(await storageGet(t, 'pics/photo.png?w=20&h=20&fit=cover'))
    expect([cover.width, cover.height]).toEqual([20, 20])
    const inside = await meta(await storageGet(t, 'pics/photo.png?w=20&h=20&fit=inside'))
    expect([inside.width, inside.height]).toEqual([20, 15])
    // The long spellings work too.
    const long = await meta(await storageGet(t, 'pics/photo.png?width=16&format=webp'))
    expect([long.format, long.width]).toEqual(['webp', 16])
  })

  it('quality changes the bytes; results are cached on disk and answered with an ETag (304 on a match)', async () => {
    const low = Buffer.from(await (await storageGet(t, 'pics/photo.png?w=64&fmt=jpg&q=5')).arrayBuffer())
    const high = Buffer.from(await (await storageGet(t, 'pics/photo.png?w=64&fmt=jpg&q=100')).arrayBuffer())
    expect(low.equals(high)).toBe(false)
    const cacheDir = path.join(t.info.dataDir, 'storage', 'transforms')
    const cached = fs.readdirSync(cacheDir, { recursive: true }).filter((f) => String(f).endsWith('.jpeg'))
    expect(cached.length).toBeGreaterThanOrEqual(2)
    const first = await storageGet(t, 'pics/photo.png?w=10&fmt=png')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"t-[0-9a-f]{32}"$/)
    expect((await storageGet(t, 'pics/photo.png?w=10&fmt=png', undefined, { 'If-None-Match': etag })).status).toBe(304)
  })

  it('deleting the object frees its cached variants', async () => {
    const bytes = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer())
    expect((await upload(t, 'pics', 'temp.png', bytes, { contentType: 'image/png' })).status).toBe(201)
    expect((await storageGet(t, 'pics/temp.png?w=4')).status).toBe(200)
    const { rows } = await t.admin.query("SELECT version::text FROM storage.objects WHERE path = 'temp.png'")
    const dir = path.join(t.info.dataDir, 'storage', 'transforms', rows[0].version)
    expect(fs.readdirSync(dir)).toHaveLength(1)
    expect((await storageJson(t, 'DELETE', 'pics/temp.png')).status).toBe(204)
    await expect.poll(() => fs.existsSync(dir), { timeout: 10_000 }).toBe(false)
  })

  it('anon may transform what anon may read (a public bucket)', async () => {
    expect((await meta(await storageGet(t, 'pics/photo.png?w=8', null))).width).toBe(8)
  })
})

describe('transforms in signed URLs (createSignedUrl with transform)', () => {
  it('the signed URL serves the variant it was signed for', async () => {
    const r = await storageJson(t, 'POST', 'pics/sign/photo.png', { expires_in: 60, width: 30, height: 30, format: 'webp', quality: 80, fit: 'contain' })
    expect(r.status).toBe(200)
    const { signed_url } = (await r.json()) as { signed_url: string }
    const m = await meta(await fetch(signed_url))
    expect([m.format, m.width, m.height]).toEqual(['webp', 30, 30])
  })
})

describe('bounded and refused in words', () => {
  it('oversized dimensions, unknown formats or fits, bad quality → 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['w=100000', 'width (w) must be a whole number from 1 to 4096'],
      ['h=0', 'height (h) must be a whole number from 1 to 4096'],
      ['fmt=bmp', 'format (fmt) must be one of webp, jpeg, png, avif, gif (or jpg), not "bmp"'],
      ['fit=stretch', 'fit must be one of cover, contain, fill, inside, outside, not "stretch"'],
      ['q=101', 'quality (q) must be a whole number from 1 to 100'],
    ]
    for (const [q, error] of cases) {
      const r = await storageGet(t, `pics/photo.png?${q}`)
      expect(r.status, q).toBe(400)
      expect((await r.json()).error).toBe(error)
    }
    const signed = await storageJson(t, 'POST', 'pics/sign/photo.png', { width: 99999 })
    expect(signed.status).toBe(400)
  })

  it('a file that is not an image → 400; a decompression bomb → 413 before decoding', async () => {
    const text = await storageGet(t, 'pics/notes.txt?w=10')
    expect(text.status).toBe(400)
    expect((await text.json()).code).toBe('NOT_AN_IMAGE')
    const bomb = await storageGet(t, 'pics/bomb.png?w=10')
    expect(bomb.status).toBe(413)
    expect((await bomb.json()).error).toBe('the image has more than 50000000 pixels: too large to transform')
    // The runtime is still fine.
    expect((await storageGet(t, 'pics/photo.png?w=12')).status).toBe(200)
  })
})
