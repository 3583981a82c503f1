// Pure HTTP pieces of storage: byte ranges, content types and bucket MIME rules, upload options, bucket settings,
// signed-URL expiry, Content-Disposition, and the disk layout (which can never leave its folder).
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { decideRange } from '../../../electron/server/storage/byte-range.js'
import { chooseContentType, guessContentType, inlineSafe, mimeAllowed, normalizeContentType } from '../../../electron/server/storage/content-type.js'
import { parseCacheControl, parseMetadata, parseUpsert, resolveUploadOptions } from '../../../electron/server/storage/upload-options.js'
import { parseBucketSettings } from '../../../electron/server/storage/bucket-operations.js'
import { checkExpiresIn, signObjectToken, verifyObjectToken } from '../../../electron/server/storage/signed-url.js'
import { contentDisposition } from '../../../electron/server/storage/serve-object.js'
import { assertInside, diskLayout, versionPath } from '../../../electron/server/storage/disk-layout.js'
import { humanBytes } from '../../../electron/server/storage/upload-handler.js'
import { signJwt } from '../../../electron/server/auth/jwt.js'

describe('decideRange', () => {
  it.each([
    [undefined, 10, { kind: 'full' }],
    ['bytes=0-4', 10, { kind: 'partial', start: 0, end: 4 }],
    ['bytes=5-', 10, { kind: 'partial', start: 5, end: 9 }],
    ['bytes=-3', 10, { kind: 'partial', start: 7, end: 9 }],
    ['bytes=-30', 10, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=8-100', 10, { kind: 'partial', start: 8, end: 9 }],
    ['bytes = 1 - 2', 10, { kind: 'partial', start: 1, end: 2 }],
    ['bytes=10-', 10, { kind: 'unsatisfiable' }],
    ['bytes=-0', 10, { kind: 'unsatisfiable' }],
    ['bytes=0-0', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-2', 10, { kind: 'full' }],
    ['bytes=0-1,3-4', 10, { kind: 'full' }],
    ['items=0-1', 10, { kind: 'full' }],
    ['bytes=-', 10, { kind: 'full' }],
    ['bytes=99999999999999999999-', 10, { kind: 'full' }],
  ])('%s of %i bytes', (header, size, expected) => expect(decideRange(header, size)).toEqual(expected))
})

describe('content types', () => {
  it('guesses from the extension of the file name only', () => {
    expect(guessContentType('a/b.PNG')).toBe('image/png')
    expect(guessContentType('a.b/README')).toBe('application/octet-stream')
    expect(guessContentType('notes.md')).toBe('text/markdown')
  })
  it('prefers the explicit type, then the part type, then the extension', () => {
    expect(chooseContentType('a.png', 'Image/JPEG', 'image/gif')).toBe('image/jpeg')
    expect(chooseContentType('a.png', undefined, 'image/gif')).toBe('image/gif')
    expect(chooseContentType('a.png', undefined, 'application/octet-stream')).toBe('image/png')
    expect(chooseContentType('a.png', undefined, 'garbage')).toBe('image/png')
  })
  it('keeps parameters, refuses header smuggling', () => {
    expect(normalizeContentType('Text/Plain; charset=utf-8')).toBe('text/plain; charset=utf-8')
    expect(() => normalizeContentType('text/plain\r\nX-Evil: 1')).toThrow('invalid content_type')
    expect(() => normalizeContentType('not a type')).toThrow('invalid content_type')
  })
  it('matches bucket allow-lists with wildcards', () => {
    expect(mimeAllowed('image/png', null)).toBe(true)
    expect(mimeAllowed('image/png', [])).toBe(true)
    expect(mimeAllowed('image/png', ['image/*'])).toBe(true)
    expect(mimeAllowed('image/png; q=1', ['image/png'])).toBe(true)
    expect(mimeAllowed('IMAGE/PNG', ['image/png'])).toBe(true)
    expect(mimeAllowed('text/plain', ['image/*', 'application/pdf'])).toBe(false)
    expect(mimeAllowed('imagex/png', ['image/*'])).toBe(false)
    expect(mimeAllowed('text/plain', ['*/*'])).toBe(true)
  })
  it('renders inline only what cannot run script', () => {
    expect(inlineSafe('image/png')).toBe(true)
    expect(inlineSafe('text/plain; charset=utf-8')).toBe(true)
    expect(inlineSafe('text/html')).toBe(false)
    expect(inlineSafe('image/svg+xml')).toBe(false)
    expect(inlineSafe('application/xhtml+xml')).toBe(false)
  })
})

describe('upload options', () => {
  it('parses upsert', () => {
    expect(parseUpsert(undefined)).toBe(false)
    expect(parseUpsert('true')).toBe(true)
    expect(parseUpsert('0')).toBe(false)
    expect(() => parseUpsert('yes')).toThrow('upsert must be')
  })
  it('parses metadata as a JSON object only', () => {
    expect(parseMetadata('{"a":1}')).toEqual({ a: 1 })
    expect(parseMetadata({ a: 1 })).toEqual({ a: 1 })
    expect(parseMetadata(undefined)).toBeNull()
    expect(() => parseMetadata('[1]')).toThrow('JSON object')
    expect(() => parseMetadata('{')).toThrow('JSON object')
    expect(() => parseMetadata('"x"')).toThrow('JSON object')
    expect(() => parseMetadata('{"a":"\\u0000"}')).toThrow('NUL')
  })
  it('parses cache control', () => {
    expect(parseCacheControl('3600')).toBe('max-age=3600')
    expect(parseCacheControl('public, max-age=60')).toBe('public, max-age=60')
    expect(parseCacheControl(undefined)).toBeNull()
    expect(() => parseCacheControl('a\r\nb')).toThrow('cache_control')
  })
  it('PUT always replaces', () => {
    expect(resolveUploadOptions('a.txt', {}, undefined, undefined, true)).toEqual({ contentType: 'text/plain', cacheControl: null, metadata: null, upsert: true })
    expect(resolveUploadOptions('a.txt', {}, undefined, 'true').upsert).toBe(true)
  })
})

describe('parseBucketSettings', () => {
  it('takes upstream, SDK and Supabase spellings', () => {
    expect(parseBucketSettings({ public: true, allowed_mime_types: ['Image/*'], max_file_size: 10 })).toEqual({ public: true, allowed_mime_types: ['image/*'], max_file_size: 10 })
    expect(parseBucketSettings({ allowedMimeTypes: [], fileSizeLimit: '5MB' })).toEqual({ allowed_mime_types: null, max_file_size: 5 * 1024 * 1024 })
    expect(parseBucketSettings({ file_size_limit: '1.5 kb' })).toEqual({ max_file_size: 1536 })
    expect(parseBucketSettings(undefined)).toEqual({})
    expect(parseBucketSettings({ max_file_size: 0 })).toEqual({ max_file_size: null })
  })
  it('names what is wrong', () => {
    expect(() => parseBucketSettings({ public: 'yes' })).toThrow('public')
    expect(() => parseBucketSettings({ max_file_size: -1 })).toThrow('max_file_size')
    expect(() => parseBucketSettings({ allowed_mime_types: ['png'] })).toThrow('allowed_mime_types.0')
    expect(() => parseBucketSettings({ colour: 'red' })).toThrow('colour')
  })
})

describe('signed URLs', () => {
  const secret = new TextEncoder().encode('x'.repeat(48))
  it('checks expires_in', () => {
    expect(checkExpiresIn(undefined)).toBe(900)
    expect(checkExpiresIn(60)).toBe(60)
    expect(checkExpiresIn('60')).toBe(60)
    for (const bad of [0, -1, 1.5, 'x', 366 * 24 * 3600, true]) expect(() => checkExpiresIn(bad)).toThrow('expires_in')
  })
  it('round-trips, and refuses access tokens and other secrets', async () => {
    const token = await signObjectToken(secret, 'b', 'a/b.txt', 60)
    expect(await verifyObjectToken(secret, token)).toEqual({ bucket: 'b', key: 'a/b.txt' })
    const access = await signJwt(secret, { role: 'service_role', bucket: 'b', key: 'a/b.txt' })
    await expect(verifyObjectToken(secret, access)).rejects.toThrow('not a signed URL token')
    await expect(verifyObjectToken(new TextEncoder().encode('y'.repeat(48)), token)).rejects.toThrow('not valid')
    await expect(verifyObjectToken(secret, undefined)).rejects.toThrow('token')
  })
})

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('inline', 'a/b/report.pdf')).toBe(`inline; filename="report.pdf"; filename*=UTF-8''report.pdf`)
    expect(contentDisposition('attachment', 'x/ça "va".txt')).toBe(`attachment; filename="_a _va_.txt"; filename*=UTF-8''%C3%A7a%20%22va%22.txt`)
  })
})

describe('disk layout', () => {
  const layout = diskLayout('/data')
  it('names files by version only', () => {
    expect(versionPath(layout, '0a1b2c3d-0000-4000-8000-000000000000')).toBe(path.join('/data', 'storage', 'objects', '0a', '0a1b2c3d-0000-4000-8000-000000000000'))
  })
  it('refuses anything that is not a version id', () => {
    for (const bad of ['../x', '', '0a1b2c3d-0000-4000-8000-000000000000/../../x', '0A1B2C3D-0000-4000-8000-000000000000', 'a'.repeat(36)]) {
      expect(() => versionPath(layout, bad)).toThrow('not a storage version id')
    }
  })
  it('assertInside refuses the folder itself and anything outside', () => {
    expect(() => assertInside('/data/storage', '/data/storage')).toThrow('escapes')
    expect(() => assertInside('/data/storage', '/data/storage/../secrets.json')).toThrow('escapes')
    expect(() => assertInside('/data/storage', '/data/storage-evil/x')).toThrow('escapes')
    expect(assertInside('/data/storage', '/data/storage/objects/x')).toBe('/data/storage/objects/x')
  })
})

it('humanBytes', () => {
  expect(humanBytes(1)).toBe('1 bytes')
  expect(humanBytes(1536)).toBe('1.5 KiB')
  expect(humanBytes(200 * 1024 * 1024)).toBe('200 MiB')
})
