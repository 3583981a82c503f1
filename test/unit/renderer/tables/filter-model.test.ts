// Unit tests: the filter builder's AND/OR groups → the REST query language.
import { describe, expect, it } from 'vitest'
import { describeFilter, emptyFilter, equalityFilter, filterParams, newRule, type FilterGroup } from '../../../../renderer/src/features/tables/lib/filter-model'

const group = (combinator: 'and' | 'or', ...children: FilterGroup['children']): FilterGroup => ({ kind: 'group', id: 'g', combinator, children })

describe('filter-model', () => {
  it('turns top-level AND rules into col=op.value parameters', () => {
    const f = group('and', newRule('age', 'gte', '18'), newRule('name', 'ilike', '%ada%'), newRule('email', 'isnull'), newRule('done', 'istrue'))
    expect(filterParams(f)).toEqual([['age', 'gte.18'], ['name', 'ilike.%ada%'], ['email', 'is.null'], ['done', 'is.true']])
  })

  it('skips incomplete rules and empty groups', () => {
    const f = group('and', newRule('age', 'gte', ''), newRule('', 'eq', '1'), group('or'))
    expect(filterParams(f)).toEqual([])
    expect(filterParams(emptyFilter())).toEqual([])
  })

  it('maps OR groups, nested groups and lists, quoting values that hold separators', () => {
    const f = group('and', newRule('status', 'in', 'draft, "x", a,b'), group('or', newRule('a', 'eq', '1'), group('and', newRule('b', 'gt', '2'), newRule('c', 'eq', 'x,y'))))
    expect(filterParams(f)).toEqual([
      ['status', 'in.(draft,"\\"x\\"",a,b)'],
      ['or', '(a.eq.1,and(b.gt.2,c.eq."x,y"))'],
    ])
    expect(filterParams(group('or', newRule('a', 'eq', '1'), newRule('b', 'notnull')))).toEqual([['or', '(a.eq.1,b.not.is.null)']])
    expect(filterParams(group('or', newRule('a', 'eq', '1')))).toEqual([['a', 'eq.1']])
    expect(filterParams(group('and', newRule('tags', 'cs', '{a,b}'), newRule('n', 'notin', '1,2')))).toEqual([['tags', 'cs.{a,b}'], ['n', 'not.in.(1,2)']])
  })

  it('describes filters in words and builds key equalities', () => {
    const f = group('and', newRule('age', 'gte', '18'), group('or', newRule('a', 'eq', '1'), newRule('b', 'isnull')))
    expect(describeFilter(f)).toBe('age ≥ 18 AND (a = 1 OR b is NULL)')
    expect(filterParams(equalityFilter([['id', '7']]))).toEqual([['id', 'eq.7']])
  })
})
