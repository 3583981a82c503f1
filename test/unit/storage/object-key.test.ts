// The canonical object key rule and the URL → key decoding: every traversal spelling and Unicode trick is a 400.
import { describe, expect, it } from 'vitest'
import { checkObjectKey, checkPrefix, objectKeyProblem } from '../../../electron/server/storage/object-key.js'
import { decodeKey, splitStorageUrl } from '../../../electron/server/storage/request-target.js'
import { checkBucketName } from '../../../electron/server/storage/bucket-name.js'
import { ApiError } from '../../../electron/server/errors.js'

function reason(key: string): string | undefined {
  return objectKeyProblem(key)?.reason
}

describe('objectKeyProblem: canonical keys', () => {
  it.each([
    'a.txt',
    'alice/avatar.png',
    '2f1c1f8e-1111-4222-8333-944444444444/docs/report final (1).pdf',
    'café/crème brûlée.jpg', // NFC, and NFKC-stable
    '日本語/ファイル.txt',
    '.env',
    'a/.hidden/..dots..',
    'x'.repeat(1024),
    'emoji/🙂.png',
    'percent%2e%2e/literal', // after decoding, a literal "%2e%2e" is just text
  ])('accepts %s', (key) => expect(objectKeyProblem(key)).toBeUndefined())

  it.each([
    ['', 'empty'],
    ['../etc/passwd', '".."'],
    ['a/../../b', '".."'],
    ['./a', '"."'],
    ['a/./b', '"."'],
    ['..', '".."'],
    ['/etc/passwd', 'starts with "/"'],
    ['a//b', 'empty folder name'],
    ['a/', 'ends with "/"'],
    ['a\\..\\b', 'backslash'],
    ['C:\\Windows\\win.ini', 'backslash'],
    ['a\u0000.txt', 'U+0000'],
    ['a\n.txt', 'U+000A'],
    ['a\u007f', 'U+007F'],
    ['a\u200b.txt', 'U+200B'], // zero-width space
    ['evil\u202egnp.exe', 'U+202E'], // right-to-left override
    ['\ufeffa.txt', 'U+FEFF'],
    ['a\u2028b', 'U+2028'],
    ['\ud800.txt', 'U+D800'], // lone surrogate
    ['\uff0e\uff0e\uff0fetc', 'NFKC'], // fullwidth ．．／ → ../
    ['a\uff0fb', 'NFKC'], // fullwidth solidus
    ['\u2024\u2024/x', 'NFKC'], // one-dot leaders
    ['\ufb01le.txt', 'NFKC'], // ﬁ ligature
    ['cafe\u0301.txt', 'NFKC'], // decomposed é (NFD)
    ['x'.repeat(1025), '1024 bytes'],
    ['é'.repeat(513), '1024 bytes'],
  ])('refuses %j (%s)', (key, why) => expect(reason(key)).toContain(why))

  it('suggests the NFKC form when it is itself clean', () => {
    expect(objectKeyProblem('ｆｉｌｅ.txt')?.hint).toBe('its NFKC form is "file.txt"')
    // ．．／ normalises to "../": no suggestion that would itself be refused for another reason is… still shown as text
    expect(objectKeyProblem('\uff0e\uff0e\uff0fetc')?.reason).toContain('NFKC')
  })

  it('throws a 400 ApiError naming the field', () => {
    try {
      checkObjectKey('../x', 'to_path')
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError)
      expect((err as ApiError).status).toBe(400)
      expect((err as ApiError).message).toMatch(/^invalid to_path: /)
    }
  })
})

describe('decodeKey: each spelling decoded once, then judged', () => {
  it.each([
    ['..%2Fetc%2Fpasswd', '".."'],
    ['%2e%2e/etc/passwd', '".."'],
    ['%2E%2E%2F%2E%2E%2Fx', '".."'],
    ['a%00.txt', 'U+0000'],
    ['a%5c..%5cb', 'backslash'],
    ['%EF%BC%8E%EF%BC%8E%EF%BC%8Fetc', 'NFKC'],
    ['%2Fetc%2Fpasswd', 'starts with "/"'],
    ['%E2%80%AEtxt.exe', 'U+202E'],
  ])('%s → 400 (%s)', (encoded, why) => {
    expect(() => decodeKey(encoded)).toThrow(why)
  })

  it('a double-encoded traversal stays literal text after one decode', () => {
    expect(decodeKey('%252e%252e/x')).toBe('%2e%2e/x')
  })

  it('refuses broken percent-encoding and lone surrogates', () => {
    expect(() => decodeKey('100%.txt')).toThrow('percent-encoded')
    expect(() => decodeKey('%ED%A0%80')).toThrow('percent-encoded')
    expect(() => decodeKey('%C0%AE%C0%AE/x')).toThrow('percent-encoded') // overlong UTF-8 for "."
  })

  it('decodes ordinary keys', () => {
    expect(decodeKey('alice/my%20file.txt')).toBe('alice/my file.txt')
    expect(decodeKey('a+b.txt')).toBe('a+b.txt')
  })
})

describe('splitStorageUrl', () => {
  it('splits bucket and the raw rest', () => {
    expect(splitStorageUrl('/api/v1/storage/avatars/a%20b/c.png?x=1', '/api/v1/storage/')).toEqual({ bucket: 'avatars', rest: 'a%20b/c.png' })
    expect(splitStorageUrl('/api/v1/storage/avatars?prefix=a', '/api/v1/storage/')).toEqual({ bucket: 'avatars', rest: '' })
    expect(splitStorageUrl('/api/v1/storage/avatars/', '/api/v1/storage/')).toEqual({ bucket: 'avatars', rest: '' })
  })
  it('judges the bucket name', () => {
    expect(() => splitStorageUrl('/api/v1/storage/..%2F/x', '/api/v1/storage/')).toThrow('invalid bucket name')
    expect(() => splitStorageUrl('/api/v1/storage/%E0%A4/x', '/api/v1/storage/')).toThrow('percent-encoded')
  })
})

describe('checkBucketName', () => {
  it.each(['avatars', 'user-uploads', 'User_Files.v2', 'a', '0'.repeat(100)])('accepts %s', (n) => expect(checkBucketName(n)).toBe(n))
  it.each(['', '.hidden', '..', 'a/b', 'a b', 'ａ', 'a\u0000', '-x', '0'.repeat(101), 'buckets', 'object'])('refuses %j', (n) => {
    expect(() => checkBucketName(n)).toThrow('invalid bucket name')
  })
})

describe('checkPrefix', () => {
  it('accepts any partial path', () => {
    for (const p of ['', 'alice/', 'alice/do', '.', '..', 'a//']) expect(checkPrefix(p)).toBe(p)
  })
  it('refuses what PostgreSQL cannot hold or no key contains', () => {
    expect(() => checkPrefix('a\u0000')).toThrow('U+0000')
    expect(() => checkPrefix('x'.repeat(1025))).toThrow('1024')
  })
})
