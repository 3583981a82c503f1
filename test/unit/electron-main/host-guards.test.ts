// test/unit/electron-main/host-guards.test.ts — the desktop host's pure guards: what counts as the
// studio's origin, which URLs may go to the OS, and how runtime flags are read from Electron's argv.
import { describe, expect, it } from 'vitest'
import { parseCliOptions } from '../../../electron/main/cli-options'
import { isSafeExternalUrl } from '../../../electron/main/external-url'
import { isStudioUrl, originOf, withoutHash } from '../../../electron/main/studio-origin'

describe('studio origin', () => {
  const origin = 'http://127.0.0.1:8080'
  it.each([
    ['http://127.0.0.1:8080/studio/', true],
    ['http://127.0.0.1:8080/studio/api/status?x=1#y', true],
    ['http://127.0.0.1:8081/studio/', false],
    ['http://localhost:8080/studio/', false],
    ['https://127.0.0.1:8080/studio/', false],
    ['http://127.0.0.1:8080@evil.example/studio/', false],
    ['file:///etc/passwd', false],
    ['data:text/html,hi', false],
    ['not a url', false],
  ])('%s → %s', (url, ours) => expect(isStudioUrl(url, origin)).toBe(ours))

  it('gives no origin for opaque URLs', () => expect(originOf('about:blank')).toBeUndefined())
  it('drops the token fragment from the page URL', () => {
    expect(withoutHash('http://127.0.0.1:8080/studio/#token=abc')).toBe('http://127.0.0.1:8080/studio/')
  })
})

describe('isSafeExternalUrl', () => {
  it.each([
    ['https://fluxbase.eu/docs', true],
    ['http://localhost:3000', true],
    ['mailto:someone@example.com', true],
    ['file:///usr/bin/xterm', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['vscode://open', false],
    ['', false],
    [42, false],
  ])('%j → %s', (url, safe) => expect(isSafeExternalUrl(url)).toBe(safe))
})

describe('parseCliOptions', () => {
  it('reads the runtime flags and skips Chromium switches', () => {
    expect(parseCliOptions(['--no-sandbox', '--data-dir', '/tmp/d', '--port=0', '--database-url', 'postgres://x'])).toEqual({
      dataDir: '/tmp/d',
      port: 0,
      databaseUrl: 'postgres://x',
    })
    expect(parseCliOptions([])).toEqual({})
  })
  it.each([['--port=abc'], ['--port=70000'], ['--port=-1'], ['--port=1.5']])('refuses %s', (flag) => {
    expect(() => parseCliOptions([flag])).toThrow(/--port/)
  })
})
