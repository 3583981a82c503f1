// test/unit/renderer/format.test.ts — the status page's pure formatters.
import { describe, expect, it } from 'vitest'
import { formatBytes, formatStartedAt, formatUptime, maskUrlPassword, truncateSecret } from '../../../renderer/src/features/status/format'

describe('formatUptime', () => {
  it.each([
    [0, '0s'],
    [59.9, '59s'],
    [192, '3m 12s'],
    [3_600, '1h 00m'],
    [7_500, '2h 05m'],
    [300_000, '3d 11h'],
    [-5, '0s'],
  ])('%s s → %s', (seconds, text) => expect(formatUptime(seconds)).toBe(text))
})

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [1_536, '1.5 KB'],
    [117_440_512, '112 MB'],
    [3 * 1024 ** 3, '3.0 GB'],
  ])('%s → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text))
})

describe('truncateSecret', () => {
  it('keeps both ends of a long key', () => {
    const key = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.payload.signatureXk3sQw'
    expect(truncateSecret(key)).toBe('eyJhbGciOiJIUzI1NiIs…Xk3sQw')
  })
  it('leaves short values alone', () => expect(truncateSecret('short')).toBe('short'))
})

describe('maskUrlPassword', () => {
  it('hides the password and nothing else', () => {
    expect(maskUrlPassword('postgres://postgres:s3cr%40t@127.0.0.1:5432/postgres?sslmode=disable')).toBe(
      'postgres://postgres:••••••@127.0.0.1:5432/postgres?sslmode=disable',
    )
  })
  it('leaves URLs without a password unchanged', () => {
    expect(maskUrlPassword('postgres://postgres@127.0.0.1:5432/postgres')).toBe('postgres://postgres@127.0.0.1:5432/postgres')
    expect(maskUrlPassword('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080')
  })
})

describe('formatStartedAt', () => {
  it('shows only the time for today, and the date otherwise', () => {
    const now = new Date(2026, 0, 27, 15, 0, 0)
    expect(formatStartedAt(new Date(2026, 0, 27, 14, 2, 11).toISOString(), now)).not.toMatch(/Jan/)
    expect(formatStartedAt(new Date(2026, 0, 25, 14, 2, 11).toISOString(), now)).toMatch(/Jan/)
  })
  it('returns unparseable input as is', () => expect(formatStartedAt('soon')).toBe('soon'))
})
