// Pure parts of edge functions: annotations → settings, function names, load-error locations, stdout frames.
import { describe, expect, it } from 'vitest'
import { parseFunctionAnnotations } from '../../../electron/server/functions/function-annotations.js'
import { invalidFunctionName } from '../../../electron/server/functions/function-files.js'
import { errorLocation, explainLoadError } from '../../../electron/server/functions/function-catalog.js'
import { decodeLine, encodeFrame } from '../../../electron/server/deno/host-protocol.js'

describe('annotations', () => {
  it('reads every annotation at the start of a comment line, with defaults otherwise', () => {
    const s = parseFunctionAnnotations(`/**
 * @fluxbase:allow-unauthenticated
 * @fluxbase:rate-limit 10/min
 * @fluxbase:rate-limit 99/day
 */
// @fluxbase:timeout 1500ms
// @fluxbase:memory 64
// @fluxbase:cors-origins https://a.test, https://b.test
/* @fluxbase:public false */
const x = "// @fluxbase:disabled is not at the start of a line"`)
    expect(s).toMatchObject({ allowUnauthenticated: true, isPublic: false, enabled: true, timeoutSeconds: 1.5, memoryMb: 64, rateLimit: { limit: 10, window: 'minute' }, cors: { origins: ['https://a.test', 'https://b.test'] } })
    expect(parseFunctionAnnotations('export function handler() {}')).toMatchObject({ allowUnauthenticated: false, isPublic: true, timeoutSeconds: 30, memoryMb: 128, enabled: true })
    expect(parseFunctionAnnotations('// @fluxbase:disabled').enabled).toBe(false)
  })
})

describe('names', () => {
  it('refuses paths, reserved names and long names; accepts the contract\'s alphabet', () => {
    for (const bad of ['../x', 'a/b', 'index', '_', '.', 'a'.repeat(65), '', 'a b']) expect(invalidFunctionName(bad), bad).toBeDefined()
    for (const good of ['hello', 'send-email', 'A_1']) expect(invalidFunctionName(good), good).toBeUndefined()
  })
})

describe('load-error locations', () => {
  it('names the first frame inside the functions folder, relative to it', () => {
    const msg = 'SyntaxError: Expression expected\n    at file:///deno/host.js:1:1\n    at file:///work/fns/sub/index.ts:12:7'
    expect(errorLocation(msg, '/work/fns')).toBe('sub/index.ts:12:7')
    expect(errorLocation('no file here', '/work/fns')).toBeUndefined()
  })

  it('a failed download says the first fetch needs the network; other errors are left as they are', () => {
    expect(explainLoadError('TypeError: Failed loading https://registry.npmjs.org/x for package "x"')).toMatch(/^could not download an import .* needs the network/)
    expect(explainLoadError('SyntaxError: Expression expected')).toBe('SyntaxError: Expression expected')
  })
})

describe('stdout frames', () => {
  it('finds a frame only with the worker\'s nonce, keeping user text written before it', () => {
    const frame = encodeFrame('n1', { t: 'result', id: 3, payload: { ok: 1 } }).trimEnd()
    expect(decodeLine('n1', frame)).toEqual({ frame: { t: 'result', id: 3, payload: { ok: 1 } }, text: undefined })
    expect(decodeLine('n1', `partial${frame}`)).toMatchObject({ text: 'partial', frame: { t: 'result' } })
    expect(decodeLine('other', frame).frame).toBeUndefined()
    expect(decodeLine('n1', 'console output')).toEqual({ text: 'console output' })
  })
})
