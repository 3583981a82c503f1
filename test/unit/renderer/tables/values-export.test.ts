// Unit tests: value kinds, editor input parsing, exact numbers, and CSV / JSON / INSERT exports.
import { describe, expect, it } from 'vitest'
import { parseInput, previewText, sameValue, valueKind, ValueInputError } from '../../../../renderer/src/features/tables/lib/value-types'
import { arrayLiteral, sqlLiteral, toCsv, toInsertSql, toJson } from '../../../../renderer/src/features/tables/lib/export-rows'
import { parseExact } from '../../../../renderer/src/features/tables/lib/exact-json'

const col = (udt: string, category: string, type = udt) => ({ udt, category, type, name: 'c' })

describe('value types', () => {
  it('classifies columns by type', () => {
    expect(valueKind(col('bool', 'B'))).toBe('bool')
    expect(valueKind(col('int8', 'N'))).toBe('number')
    expect(valueKind(col('jsonb', 'U'))).toBe('json')
    expect(valueKind(col('_text', 'A'))).toBe('array')
    expect(valueKind(col('timestamptz', 'D'))).toBe('timestamptz')
    expect(valueKind(col('uuid', 'U'))).toBe('uuid')
    expect(valueKind(col('bytea', 'U'))).toBe('bytea')
    expect(valueKind(col('mood', 'E'))).toBe('text')
  })

  it('parses editor input by kind', () => {
    expect(parseInput('number', '42')).toBe(42)
    expect(parseInput('number', '9007199254740993')).toBe('9007199254740993')
    expect(parseInput('number', '1.50')).toBe('1.50')
    expect(() => parseInput('number', ' ')).toThrow(ValueInputError)
    expect(parseInput('bool', 'TRUE')).toBe(true)
    expect(() => parseInput('bool', 'maybe')).toThrow(/not a boolean/)
    expect(parseInput('json', '{"a":[1]}')).toEqual({ a: [1] })
    expect(() => parseInput('json', '{a}')).toThrow(/Not valid JSON/)
    expect(parseInput('array', '["a","b"]')).toEqual(['a', 'b'])
    expect(parseInput('array', '{a,b}')).toBe('{a,b}')
    expect(parseInput('text', '')).toBe('')
  })

  it('previews values in one line', () => {
    expect(previewText('bytea', '\\x0102ff')).toBe('3 bytes · 0102ff')
    expect(previewText('timestamptz', '2026-01-02T03:04:05+00:00')).toBe('2026-01-02 03:04:05+00:00')
    expect(previewText('text', 'a\nb')).toBe('a ⏎ b')
    expect(sameValue({ a: 1 }, { a: 1 })).toBe(true)
    expect(sameValue(null, '')).toBe(false)
    expect(sameValue(5, '5')).toBe(true)
  })

  it('reads bodies whole (source-text numbers need Chromium; plain JSON elsewhere)', () => {
    expect(parseExact('[{"id":1,"meta":{"n":2}}]')).toEqual([{ id: 1, meta: { n: 2 } }])
  })

  const sourceText = (JSON.parse as (text: string, reviver: (k: string, v: unknown, c?: { source?: string }) => unknown) => unknown)('1', (_k, _v, c) => c?.source) === '1'
  it.runIf(sourceText)('keeps top-level numbers exact as text, numbers inside values as numbers, keys as keys', () => {
    const rows = parseExact('[{"id":9007199254740993,"amount":12.50,"n":3,"meta":{"x":1.50,"__proto__":{"y":2.0}},"tags":[1.10,2]}]') as Array<Record<string, unknown>>
    expect(rows).toEqual([{ id: '9007199254740993', amount: '12.50', n: 3, meta: JSON.parse('{"x":1.5,"__proto__":{"y":2}}'), tags: [1.1, 2] }])
    expect(Object.getPrototypeOf(rows[0].meta)).toBe(Object.prototype)
    expect(Object.keys(rows[0].meta as object)).toEqual(['x', '__proto__'])
  })
})

describe('exports', () => {
  const rows = [{ id: 1, name: 'Ada, "the first"', note: null, empty: '' }, { id: 2, name: 'Bob', note: 'x\ny', empty: 'e' }]
  it('writes CSV with NULL as an empty field and empty text quoted', () => {
    expect(toCsv(rows, ['id', 'name', 'note', 'empty'])).toBe('id,name,note,empty\r\n1,"Ada, ""the first""",,""\r\n2,Bob,"x\ny",e\r\n')
  })

  it('writes JSON with only the chosen columns', () => {
    expect(JSON.parse(toJson(rows, ['id', 'note']))).toEqual([{ id: 1, note: null }, { id: 2, note: 'x\ny' }])
  })

  it('writes INSERT statements with typed literals', () => {
    expect(arrayLiteral(['a', 'b c', null, ''])).toBe('{a,"b c",NULL,""}')
    expect(sqlLiteral("O'Brien", col('text', 'S'))).toBe("'O''Brien'")
    expect(sqlLiteral('a\\b', col('text', 'S'))).toBe("E'a\\\\b'")
    expect(sqlLiteral({ k: [1] }, col('jsonb', 'U'))).toBe(`'{"k":[1]}'::jsonb`)
    expect(sqlLiteral(['x'], col('_text', 'A', 'text[]'))).toBe("'{x}'::text[]")
    expect(sqlLiteral(true, col('bool', 'B'))).toBe('true')
    expect(sqlLiteral('12.50', col('numeric', 'N'))).toBe('12.50')
    const cols = [{ ...col('int8', 'N'), name: 'id' }, { ...col('text', 'S'), name: 'name' }]
    expect(toInsertSql('public', 'authors', [{ id: 1, name: 'Ada' }, { id: 2, name: null }], cols)).toBe(
      'INSERT INTO "public"."authors" ("id", "name") VALUES\n  (1, \'Ada\'),\n  (2, NULL);\n',
    )
  })
})
