// Unit tests: the table browser's REST reads — readable query strings, column quoting, the order parameter.
import { describe, expect, it } from 'vitest'
import { columnRef, encodeQueryPart, listValue, orderParam, queryString, readParams, tablePath, totalFromContentRange } from '../../../../renderer/src/features/tables/lib/rest-query'

describe('rest-query', () => {
  it('keeps the query language readable and encodes the rest', () => {
    expect(encodeQueryPart('in.(1,2,3)')).toBe('in.(1,2,3)')
    expect(encodeQueryPart('like.%a b*')).toBe('like.%25a%20b*')
    expect(encodeQueryPart('eq.a&b=c+d#')).toBe('eq.a%26b%3Dc%2Bd%23')
    expect(queryString([['name', 'eq.Ada'], ['order', 'id.asc.nullslast']])).toBe('name=eq.Ada&order=id.asc.nullslast')
    expect(tablePath('public', 'my table', [['limit', '5']])).toBe('/api/v1/tables/public/my%20table?limit=5')
  })

  it('quotes odd column names and list values', () => {
    expect(columnRef('author_id')).toBe('author_id')
    expect(columnRef('Odd.Name')).toBe('"Odd.Name"')
    expect(columnRef('say "hi"')).toBe('"say \\"hi\\""')
    expect(listValue('plain')).toBe('plain')
    expect(listValue('a,b')).toBe('"a,b"')
    expect(listValue('')).toBe('""')
    expect(listValue('null')).toBe('"null"')
  })

  it('orders by the sort, then the primary key; descending NOT NULL columns stay index-friendly', () => {
    const cols = [{ name: 'id', nullable: false }, { name: 'title', nullable: true }]
    expect(orderParam([], cols, ['id'])).toBe('id.asc.nullslast')
    expect(orderParam([{ column: 'title', desc: false }], cols, ['id'])).toBe('title.asc.nullslast,id.asc.nullslast')
    expect(orderParam([{ column: 'title', desc: true }], cols, ['id'])).toBe('title.desc.nullslast,id.asc.nullslast')
    expect(orderParam([{ column: 'id', desc: true }], cols, ['id'])).toBe('id.desc')
    expect(orderParam([], cols, [])).toBeUndefined()
  })

  it('builds read parameters and reads Content-Range totals', () => {
    expect(readParams({ filters: [['a', 'eq.1']], order: 'id.asc.nullslast', limit: 200, offset: 0, count: 'estimated' })).toEqual([
      ['a', 'eq.1'], ['order', 'id.asc.nullslast'], ['limit', '200'], ['count', 'estimated'],
    ])
    expect(totalFromContentRange('0-199/1000000')).toBe(1_000_000)
    expect(totalFromContentRange('*/0')).toBe(0)
    expect(totalFromContentRange('0-9/*')).toBeUndefined()
    expect(totalFromContentRange(null)).toBeUndefined()
  })
})
