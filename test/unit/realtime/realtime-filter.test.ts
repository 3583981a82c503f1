import { describe, expect, it } from 'vitest'
import { FilterError, parseRealtimeFilter } from '../../../electron/server/realtime/realtime-filter.js'

const row = { id: 7, name: 'Alice Smith', score: 4.5, active: true, gone: null, at: '2024-05-01T10:00:00.123456+00:00', tags: ['a'], big: '9007199254740993' }

const cases: [string, boolean][] = [
  ['id=eq.7', true],
  ['id=eq.8', false],
  ['id=neq.8', true],
  ['gone=eq.x', false],
  ['gone=neq.x', false], // NULL never compares
  ['score=gt.4', true],
  ['score=gte.4.5', true],
  ['score=lt.4.5', false],
  ['score=lte.4.5', true],
  ['name=like.Alice*', true],
  ['name=like.%Smith', true],
  ['name=like.alice%', false],
  ['name=ilike.alice%', true],
  ['name=like.Alic_ Smith', true],
  ['active=is.true', true],
  ['active=is.false', false],
  ['gone=is.null', true],
  ['id=is.null', false],
  ['id=in.(1,7,9)', true],
  ['name=in.("Alice Smith",Bob)', true],
  ['name=in.("Smith, Alice")', false],
  ['at=gt.2024-05-01 09:59:59', true],
  ['at=lt.2024-05-01T10:00:00Z', false],
  ['big=eq.9007199254740993', true],
  ['big=gt.9007199254740992', true],
  ['missing=eq.1', false],
  ['name=eq.Alice Smith', true],
  ['name=eq.a.b', false],
]

describe('realtime filter', () => {
  it.each(cases)('%s → %s', (filter, want) => {
    expect(parseRealtimeFilter(filter).test(row)).toBe(want)
  })

  it('keeps dots inside values', () => {
    const f = parseRealtimeFilter('email=eq.a.b@c.d')
    expect(f).toMatchObject({ column: 'email', op: 'eq', value: 'a.b@c.d' })
    expect(f.test({ email: 'a.b@c.d' })).toBe(true)
  })

  it.each([
    ['noequals', /expected column=operator.value/],
    ['id=between.1', /unknown operator "between"/],
    ['id=eq', /has no value/],
    ['id=in.1,2', /expected in\.\(a,b,c\)/],
    ['id=is.maybe', /use null, true, false or unknown/],
  ])('refuses %s naming the culprit', (filter, message) => {
    expect(() => parseRealtimeFilter(filter)).toThrow(FilterError)
    expect(() => parseRealtimeFilter(filter)).toThrow(message)
  })

  it('never matches a missing row', () => {
    expect(parseRealtimeFilter('id=is.null').test(null)).toBe(false)
  })
})
