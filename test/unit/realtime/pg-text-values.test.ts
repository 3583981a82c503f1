import { describe, expect, it } from 'vitest'
import { parseArrayLiteral, valueFromText } from '../../../electron/server/realtime/pg-text-values.js'

describe('text output → to_jsonb values', () => {
  it.each([
    ['t', 16, true],
    ['f', 16, false],
    ['42', 23, 42],
    ['9007199254740991', 20, 9007199254740991],
    ['9007199254740993', 20, '9007199254740993'],
    ['1.50', 1700, 1.5],
    ['12345678901234567890.5', 1700, '12345678901234567890.5'],
    ['NaN', 701, 'NaN'],
    ['Infinity', 701, 'Infinity'],
    ['{"a": [1, 2]}', 3802, { a: [1, 2] }],
    ['2024-01-02 03:04:05.123456+00', 1184, '2024-01-02T03:04:05.123456+00:00'],
    ['2024-01-02 03:04:05+05:30', 1184, '2024-01-02T03:04:05+05:30'],
    ['2024-01-02 03:04:05', 1114, '2024-01-02T03:04:05'],
    ['infinity', 1184, 'infinity'],
    ['2024-01-02', 1082, '2024-01-02'],
    ['\\x00ff', 17, '\\x00ff'],
    ['hello', 25, 'hello'],
    ['{1,2,NULL}', 1007, [1, 2, null]],
    ['{{1,2},{3,4}}', 1007, [[1, 2], [3, 4]]],
    ['{"a,b","c\\"d",NULL,"NULL"}', 1009, ['a,b', 'c"d', null, 'NULL']],
    ['{t,f}', 1000, [true, false]],
    ['{}', 1009, []],
    ['{"2024-01-02 03:04:05+00"}', 1185, ['2024-01-02T03:04:05+00:00']],
  ])('%s (oid %i)', (text, oid, want) => {
    expect(valueFromText(text, { typeOid: oid })).toEqual(want)
  })

  it('parses arrays of user-defined types as strings', () => {
    expect(valueFromText('{happy,sad}', { typeOid: 99999, typeName: '_mood' })).toEqual(['happy', 'sad'])
    expect(valueFromText('happy', { typeOid: 99998, typeName: 'mood' })).toBe('happy')
  })

  it('skips dimension decorations', () => {
    expect(parseArrayLiteral('[0:1]={7,8}')).toEqual(['7', '8'])
  })
})
