// Unit tests of rest/request: the query-string grammar (select, filters, logic trees, order, paging) and Prefer.
import { describe, expect, it } from 'vitest'
import { parseQueryString } from '../../../electron/server/rest/request/parse-query-string.js'
import { parseSelect } from '../../../electron/server/rest/request/parse-select.js'
import { parseOrder } from '../../../electron/server/rest/request/parse-order.js'
import { parsePrefer } from '../../../electron/server/rest/request/parse-prefer.js'
import { parseQueryBody } from '../../../electron/server/rest/request/parse-query-body.js'
import { ApiError } from '../../../electron/server/errors.js'

function error(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

describe('select', () => {
  it('parses columns, aliases, casts and JSON paths', () => {
    expect(parseSelect('id,heading:title,score::text,data->a->>b,x:data->0')).toEqual([
      { kind: 'column', path: { column: 'id', json: [] }, alias: undefined, cast: undefined },
      { kind: 'column', path: { column: 'title', json: [] }, alias: 'heading', cast: undefined },
      { kind: 'column', path: { column: 'score', json: [] }, alias: undefined, cast: 'text' },
      { kind: 'column', path: { column: 'data', json: [{ arrow: '->', key: 'a', index: false }, { arrow: '->>', key: 'b', index: false }] }, alias: undefined, cast: undefined },
      { kind: 'column', path: { column: 'data', json: [{ arrow: '->', key: '0', index: true }] }, alias: 'x', cast: undefined },
    ])
  })

  it('parses nested embeds with hints, inner and spread', () => {
    const items = parseSelect('title, author:users!posts_user_id_fkey(email), comments!inner(body, users(email)), ...profiles(bio)')
    expect(items[1]).toMatchObject({ kind: 'embed', relation: 'users', alias: 'author', hint: 'posts_user_id_fkey', inner: false })
    expect(items[2]).toMatchObject({ kind: 'embed', relation: 'comments', inner: true, select: [{ kind: 'column' }, { kind: 'embed', relation: 'users' }] })
    expect(items[3]).toMatchObject({ kind: 'embed', relation: 'profiles', spread: true })
  })

  it('parses aggregates in both spellings', () => {
    expect(parseSelect('count(*),sum(score),total:amount.sum(),max(score)::int')).toEqual([
      { kind: 'aggregate', fn: 'count', alias: undefined, cast: undefined },
      { kind: 'aggregate', fn: 'sum', path: { column: 'score', json: [] }, alias: undefined, cast: undefined },
      { kind: 'aggregate', fn: 'sum', path: { column: 'amount', json: [] }, alias: 'total', cast: undefined },
      { kind: 'aggregate', fn: 'max', path: { column: 'score', json: [] }, alias: undefined, cast: 'int' },
    ])
  })

  it.each([
    ['id,', 'empty item'],
    ['posts(id', 'unbalanced'],
    ['id::te;xt', 'not a valid type'],
    ['a!b!c(x)', 'too many'],
  ])('rejects %s', (input, message) => {
    expect(error(() => parseSelect(input)).message).toContain(message)
  })
})

describe('filters', () => {
  it('parses operators, negation, quantifiers and repeated keys', () => {
    const req = parseQueryString('age=gte.18&age=lte.65&name=not.like.*ann*&id=in.(1,2,"3,4")&x=eq(any).{a,b}&t=fts(english).cat&ignored=5')
    expect(req.levels.get('')!.conditions).toEqual([
      { kind: 'filter', path: { column: 'age', json: [] }, negate: false, op: 'gte', value: '18' },
      { kind: 'filter', path: { column: 'age', json: [] }, negate: false, op: 'lte', value: '65' },
      { kind: 'filter', path: { column: 'name', json: [] }, negate: true, op: 'like', value: '*ann*' },
      { kind: 'filter', path: { column: 'id', json: [] }, negate: false, op: 'in', value: '(1,2,"3,4")' },
      { kind: 'filter', path: { column: 'x', json: [] }, negate: false, op: 'eq', quantifier: 'any', value: '{a,b}' },
      { kind: 'filter', path: { column: 't', json: [] }, negate: false, op: 'fts', language: 'english', value: 'cat' },
    ])
  })

  it('ignores dot-less parameters (contract §1.3)', () => {
    expect(parseQueryString('id=eq&foo=bar').levels.get('')!.conditions).toEqual([])
  })

  it('keeps dots inside values and parses JSON-path columns', () => {
    const req = parseQueryString('email=eq.a.b@c.d&data->>score=gt.1.5')
    expect(req.levels.get('')!.conditions.map((c) => c.kind === 'filter' && [c.path, c.value])).toEqual([
      [{ column: 'email', json: [] }, 'a.b@c.d'],
      [{ column: 'data', json: [{ arrow: '->>', key: 'score', index: false }] }, '1.5'],
    ])
  })

  it('parses recursive or/and trees, including and(or(),or()) and not.', () => {
    const req = parseQueryString('and=(or(a.eq.1,b.eq.2),or(c.is.null,not.and(d.gt.3,e.lt.4)))&not.or=(f.eq.x,g.eq."y,z")')
    const [and, notOr] = req.levels.get('')!.conditions
    expect(and).toMatchObject({ kind: 'logic', op: 'and', negate: false, children: [{ op: 'or', children: [{ op: 'eq' }, { op: 'eq' }] }, { op: 'or', children: [{ op: 'is' }, { kind: 'logic', op: 'and', negate: true }] }] })
    expect(notOr).toMatchObject({ kind: 'logic', op: 'or', negate: true, children: [{ value: 'x' }, { value: 'y,z' }] })
  })

  it('routes embedded filters, order and limit to their level', () => {
    const req = parseQueryString('select=*,posts(*)&posts.published=eq.true&posts.order=id.desc&posts.limit=5&posts.or=(a.eq.1,b.eq.2)')
    expect(req.levels.get('posts')).toMatchObject({ conditions: [{ op: 'eq' }, { kind: 'logic' }], order: [{ direction: 'desc' }], limit: 5 })
  })

  it.each([
    ['id=foo.1', 'unknown operator "foo"'],
    ['id=not.eq', 'missing value'],
    ['or=a.eq.1', 'needs a parenthesised list'],
    ['or=(a.eq.1', 'parenthesised'],
    ['or=(a.eq.1,b(c.eq.2)', 'unbalanced'],
    ['or=(nonsense)', 'is not a filter'],
    ['limit=-1', 'not a valid limit'],
    ['limit=abc', 'not a valid limit'],
    ['count=all', 'not a valid count'],
    ['x=eq(some).1', 'unknown modifier'],
  ])('rejects %s with a 400', (qs, message) => {
    const err = error(() => parseQueryString(qs))
    expect(err.status).toBe(400)
    expect(err.message).toContain(message)
  })
})

describe('order', () => {
  it('parses directions, nulls, JSON paths, relations and vectors', () => {
    expect(parseOrder('a.desc.nullslast,data->>b,author(name).asc,emb.vec_cos.[0.1,0.2].asc')).toEqual([
      { path: { column: 'a', json: [] }, direction: 'desc', nulls: 'last' },
      { path: { column: 'data', json: [{ arrow: '->>', key: 'b', index: false }] }, direction: 'asc' },
      { path: { column: 'name', json: [] }, relation: 'author', direction: 'asc' },
      { path: { column: 'emb', json: [] }, direction: 'asc', vector: { op: 'vec_cos', value: '[0.1,0.2]' } },
    ])
  })
  it('names an unknown option', () => {
    expect(error(() => parseOrder('a.sideways')).message).toContain('"sideways"')
  })
})

describe('Prefer', () => {
  it('parses several preferences, possibly in several headers', () => {
    expect(parsePrefer(['return=representation, count=exact', 'resolution=merge-duplicates,missing=default'])).toEqual({
      return: 'representation', count: 'exact', resolution: 'merge-duplicates', missing: 'default',
    })
    expect(parsePrefer('handling=lenient, timezone=UTC')).toEqual({})
  })
  it('refuses an unknown value of a known preference', () => {
    expect(error(() => parsePrefer('return=everything')).status).toBe(400)
  })
})

describe('POST …/query body', () => {
  it('becomes the same request as the query string', () => {
    const body = parseQueryBody({
      select: 'id,title',
      filters: [{ column: 'id', operator: 'in', value: [1, 2] }, { column: 'title', operator: 'not.is', value: null }],
      orFilters: ['a.eq.1,b.eq.2'],
      betweenFilters: [{ column: 'score', min: 1, max: 5, negated: true }],
      order: [{ column: 'id', direction: 'desc', nulls: 'last' }],
      limit: 10,
      offset: 20,
      count: 'exact',
      groupBy: ['title'],
    })
    const qs = parseQueryString('select=id,title&id=in.(1,2)&title=not.is.null&or=(a.eq.1,b.eq.2)&or=(score.lt.1,score.gt.5)&order=id.desc.nullslast&limit=10&offset=20&count=exact&group_by=title')
    expect(body).toEqual(qs)
  })
  it('names the bad field', () => {
    expect(error(() => parseQueryBody({ filters: [{ column: 1 }] })).message).toContain('filters.0.column')
  })
})
