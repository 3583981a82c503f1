// The realtime LIKE matcher: SQL LIKE semantics (checked against a regular-expression reference on short inputs,
// where backtracking is harmless), bounded patterns, and evaluation time linear in the value's length.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LikePatternError, MAX_LIKE_PATTERN, MAX_LIKE_WILDCARDS, likeMatcher } from '../../../electron/server/realtime/like-matcher.js'
import { parseRealtimeFilter } from '../../../electron/server/realtime/realtime-filter.js'

function reference(pattern: string, value: string, fold: boolean): boolean {
  let re = ''
  const chars = Array.from(pattern)
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (ch === '%' || ch === '*') re += '.*'
    else if (ch === '_') re += '.'
    else if (ch === '\\' && i + 1 < chars.length) re += chars[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`, fold ? 'isu' : 'su').test(value)
}

describe('like matcher', () => {
  it.each([
    ['%a%a%a%b', 'a'.repeat(50) + 'b', true],
    ['%a%a%a%b', 'a'.repeat(50), false],
    ['a_c', 'abc', true],
    ['a_c', 'abbc', false],
    ['100\\%', '100%', true],
    ['100\\%', '1000', false],
    ['%', '', true],
    ['', '', true],
    ['_', '😀', true],
    ['ab%ba', 'aba', false],
  ])('%s on %s → %s', (pattern, value, want) => {
    expect(likeMatcher(pattern, false).test(value)).toBe(want)
  })

  it('folds case for ilike', () => {
    expect(likeMatcher('%SMITH', true).test('alice smith')).toBe(true)
    expect(likeMatcher('%SMITH', false).test('alice smith')).toBe(false)
  })

  it('agrees with the regular-expression reference on short inputs', () => {
    const pattern = fc.array(fc.constantFrom('a', 'b', '%', '_', '*', '\\', 'A'), { maxLength: 8 }).map((a) => a.join(''))
    const value = fc.array(fc.constantFrom('a', 'b', 'A', '%', '_'), { maxLength: 12 }).map((a) => a.join(''))
    fc.assert(
      fc.property(pattern, value, fc.boolean(), (p, v, fold) => likeMatcher(p, fold).test(v) === reference(p, v, fold)),
      { numRuns: 3000 },
    )
  })

  it('refuses patterns past the length and wildcard limits', () => {
    expect(() => likeMatcher('x'.repeat(MAX_LIKE_PATTERN + 1), false)).toThrow(LikePatternError)
    expect(() => likeMatcher('%'.repeat(MAX_LIKE_WILDCARDS + 1), false)).toThrow(/at most 32/)
    expect(() => likeMatcher('\\%'.repeat(MAX_LIKE_WILDCARDS + 1), false)).not.toThrow()
    expect(() => parseRealtimeFilter(`t=like.${'_'.repeat(40)}`)).toThrow(/invalid like filter on "t": like pattern has 40 wildcards/)
  })

  // The same number of characters matched as 160 short values or 10 values 16× as long: linear time makes both take
  // about as long. Allowed 4× (noise on a loaded machine); a quadratic matcher would take 16×, the old backtracking
  // RegExp far more.
  it('takes time linear in the value length, whatever the filter', () => {
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]
    function timeOf(filter: ReturnType<typeof parseRealtimeFilter>, value: string, times: number): number {
      const row = { t: value }
      const rounds: number[] = []
      for (let r = 0; r < 7; r++) {
        const t0 = performance.now()
        for (let i = 0; i < times; i++) filter.test(row)
        rounds.push(performance.now() - t0)
      }
      return median(rounds)
    }
    const piece = fc.array(fc.constantFrom('a', 'b', '_'), { minLength: 1, maxLength: 4 }).map((a) => a.join(''))
    const pattern = fc.array(piece, { minLength: 1, maxLength: 8 }).map((ps) => '%' + ps.join('%') + '%' + (ps.length % 2 ? 'c' : ''))
    fc.assert(
      fc.property(pattern, fc.boolean(), fc.constantFrom('a', 'ab', 'aab'), (p, fold, unit) => {
        const filter = parseRealtimeFilter(`t=${fold ? 'ilike' : 'like'}.${p}`)
        const short = unit.repeat(Math.ceil(2_000 / unit.length))
        const long = unit.repeat(Math.ceil(32_000 / unit.length))
        timeOf(filter, short, 160)
        timeOf(filter, long, 10)
        // Noise (GC, other processes) only ever adds time: the smallest of a few ratios is the honest one.
        let ratio = Infinity
        for (let attempt = 0; attempt < 3 && ratio >= 4; attempt++) ratio = Math.min(ratio, timeOf(filter, long, 10) / Math.max(timeOf(filter, short, 160), 0.05))
        return ratio < 4
      }),
      { numRuns: 40 },
    )
    // 40 runs of 7-round timings: seconds on a loaded machine, past the unit project's 5 s default.
  }, 120_000)
})
