// Pure pieces of the foundation: Host check, CLI flags, data-dir defaults, PostgreSQL log parsing, identity mapping.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { hostAllowed } from '../../../electron/server/http/host-guard.js'
import { parseCliArgs } from '../../../electron/server/cli-args.js'
import { defaultApiConnections, defaultDataDir, resolveConfig } from '../../../electron/server/config.js'
import { createPostgresLogSplitter, parsePostgresLine } from '../../../electron/server/logs/postgres-log-lines.js'
import { dbRoleFor, identityFromClaims } from '../../../electron/server/identity.js'
import { redactQuery } from '../../../electron/server/http/request-log.js'
import type { LogInput } from '../../../electron/server/logs/log-entry.js'

describe('hostAllowed', () => {
  it.each([
    ['localhost', true],
    ['localhost:8080', true],
    ['127.0.0.1:1', true],
    ['[::1]:8080', true],
    ['LOCALHOST:8080', true],
    [undefined, false],
    ['', false],
    ['evil.com', false],
    ['localhost.evil.com', false],
    ['127.0.0.1.nip.io', false],
    ['127.0.0.2', false],
    ['localhost:8080@evil', false],
    ['[::1]evil', false],
  ])('%s → %s', (host, ok) => expect(hostAllowed(host)).toBe(ok))
})

describe('parseCliArgs', () => {
  it('reads the flags', () => {
    expect(parseCliArgs(['--data-dir', '/x', '--port', '0', '--database-url', 'postgres://u:p@h/db'])).toMatchObject({ dataDir: '/x', port: 0, databaseUrl: 'postgres://u:p@h/db' })
    expect(parseCliArgs(['--db-connections', '12'])).toMatchObject({ apiConnections: 12 })
  })
  it.each([
    [['--port', '70000'], /--port must be/],
    [['--port', '-1'], /--port must be|ambiguous|argument/],
    [['--database-url', 'mysql://x'], /postgres:\/\//],
    [['--frobnicate'], /Unknown option/],
    [['--db-connections', '0'], /--db-connections must be a whole number from 1 to 90, not "0"/],
    [['--db-connections', '2.5'], /--db-connections must be/],
    [['--db-connections', '500'], /--db-connections must be/],
  ])('%j is refused', (args, re) => expect(() => parseCliArgs(args as string[])).toThrow(re))
})

describe('API connections to PostgreSQL', () => {
  it('default to 2 × cores + 2, at most 20; a given number wins', () => {
    expect([1, 2, 4, 8, 16].map((cores) => defaultApiConnections(cores))).toEqual([4, 6, 10, 18, 20])
    expect(resolveConfig({ dataDir: '/x' }).apiConnections).toBe(defaultApiConnections())
    expect(resolveConfig({ dataDir: '/x', apiConnections: 3 }).apiConnections).toBe(3)
  })
})

describe('defaultDataDir', () => {
  it('follows each OS', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/xdg' }, 1000)).toBe('/xdg/fluxbase-studio')
    expect(defaultDataDir('linux', {}, 1000)).toMatch(/\.local\/share\/fluxbase-studio$/)
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'relative' }, 1000)).toMatch(/\.local\/share\/fluxbase-studio$/)
    expect(defaultDataDir('linux', {}, 0)).toBe('/var/lib/fluxbase-studio')
    expect(defaultDataDir('darwin', {}, 501)).toMatch(/Library\/Application Support\/Fluxbase Studio$/)
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, -1)).toContain('Fluxbase Studio')
  })
})

describe('PostgreSQL log lines', () => {
  it('parses the prefix and carries the request id', () => {
    const p = parsePostgresLine('2026-11-25 16:20:00.123 UTC|4242|22012|fluxbase:abc123| ERROR:  division by zero')
    expect(p).toMatchObject({ pid: 4242, sqlstate: '22012', applicationName: 'fluxbase:abc123', severity: 'ERROR', message: 'division by zero' })
    expect(p!.time.toISOString()).toBe('2026-11-25T16:20:00.123Z')
  })
  it('splits a stream into entries, keeping continuation lines with their entry', () => {
    const out: LogInput[] = []
    const s = createPostgresLogSplitter((e) => out.push(e))
    s.push('2026-11-25 16:20:00.123 UTC|1|00000|| LOG:  statement: SELECT 1,\n\t2\n2026-11-25 16:20:00.124 UTC|1|42P01|fluxbase:r1| ERROR:  relation "x" does not exist\n')
    s.end()
    expect(out).toHaveLength(2)
    expect(out[0]).toMatchObject({ level: 'info', message: 'LOG:  statement: SELECT 1,\n\t2' })
    expect(out[1]).toMatchObject({ level: 'error', request_id: 'r1', fields: { sqlstate: '42P01' } })
  })
})

describe('identity', () => {
  it('maps app roles to database roles as upstream does', () => {
    expect(dbRoleFor('service_role')).toBe('service_role')
    expect(dbRoleFor('dashboard_admin')).toBe('service_role')
    expect(dbRoleFor(undefined)).toBe('anon')
    expect(dbRoleFor('anon')).toBe('anon')
    expect(dbRoleFor('admin')).toBe('authenticated')
    expect(identityFromClaims({ role: 'editor', sub: 'u1', x: 1 })).toEqual({ dbRole: 'authenticated', appRole: 'editor', userId: 'u1', claims: { role: 'editor', sub: 'u1', x: 1 } })
    expect(identityFromClaims({}).claims).toEqual({ sub: '', role: 'anon' })
  })
})

describe('redactQuery', () => {
  it('hides secrets in logged query strings', () => {
    expect(redactQuery('/realtime?token=abc&x=1')).toBe('token=%5Bredacted%5D&x=1')
    expect(redactQuery('/a')).toBe('')
  })

  it('keeps a query that names no secret exactly as sent', () => {
    const q = 'select=id,title&owner_id=eq.a0000000-0000-0000-0000-000000000001&order=created_at.desc&limit=20'
    expect(redactQuery(`/api/v1/tables/t?${q}`)).toBe(q)
  })

  it('never lets a secret through, however its name is spelled or encoded', () => {
    const names = ['token', 'access_token', 'refresh_token', 'apikey', 'password', 'secret', 'key']
    const spell = fc.tuple(fc.constantFrom(...names), fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }), fc.boolean()).map(([name, upper, encode]) => {
      const cased = [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('')
      // Percent-encode one letter: URLSearchParams decodes it, so the name still counts.
      return encode ? `%${cased.charCodeAt(0).toString(16)}${cased.slice(1)}` : cased
    })
    const plain = fc.tuple(fc.constantFrom('select', 'order', 'limit', 'title', 'or', 'x'), fc.stringMatching(/^[a-z0-9.,()]{0,12}$/))
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 4 }), spell, fc.array(plain, { maxLength: 4 }), (before, secretName, after) => {
        const value = 'S3CRETVALUE'
        const parts = [...before.map(([k, v]) => `${k}=${v}`), `${secretName}=${value}`, ...after.map(([k, v]) => `${k}=${v}`)]
        expect(redactQuery(`/p?${parts.join('&')}`)).not.toContain(value)
      }),
      { numRuns: 2000 },
    )
  })
})
