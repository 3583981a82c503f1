// test/unit/renderer/status-shape.test.ts — the renderer only accepts status bodies in the
// contract's shape (and tolerates fields it does not know yet).
import { describe, expect, it } from 'vitest'
import { isStudioStatus } from '../../../renderer/src/api/status'

const VALID = {
  apiUrl: 'http://127.0.0.1:8080',
  anonKey: 'a',
  serviceRoleKey: 's',
  databaseUrl: 'postgres://x',
  postgresVersion: '18.0',
  startedAt: '2026-01-27T14:00:00.000Z',
  uptimeSeconds: 3,
  database: 'down',
  version: '0.1.0',
}

describe('isStudioStatus', () => {
  it('accepts the contract shape, with extra fields', () => {
    expect(isStudioStatus(VALID)).toBe(true)
    expect(isStudioStatus({ ...VALID, memoryRssBytes: 1, somethingNew: true })).toBe(true)
  })
  it.each([
    ['null', null],
    ['an array', []],
    ['a missing key', { ...VALID, anonKey: undefined }],
    ['a numeric version', { ...VALID, postgresVersion: 18 }],
    ['an unknown database state', { ...VALID, database: 'maybe' }],
    ['a string uptime', { ...VALID, uptimeSeconds: '3' }],
  ])('rejects %s', (_name, body) => expect(isStudioStatus(body)).toBe(false))
})
