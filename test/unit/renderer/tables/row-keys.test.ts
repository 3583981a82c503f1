// Unit tests: rows addressed by primary key, and staged changes → the exact REST calls.
import { describe, expect, it } from 'vitest'
import { describeKey, pkFilter, rowKey } from '../../../../renderer/src/features/tables/lib/row-keys'
import { affectedRows, planCalls, type StagedChanges } from '../../../../renderer/src/features/tables/lib/staged-calls'

describe('row keys', () => {
  it('filters exactly the given keys', () => {
    expect(pkFilter([{ id: 1 }])).toEqual([['id', 'eq.1']])
    expect(pkFilter([{ id: 1 }, { id: 2 }, { id: 'a,b' }])).toEqual([['id', 'in.(1,2,"a,b")']])
    expect(pkFilter([{ org: 1, user: 'u1' }])).toEqual([['org', 'eq.1'], ['user', 'eq.u1']])
    expect(pkFilter([{ org: 1, user: 'u1' }, { org: 2, user: 'u(2)' }])).toEqual([['or', '(and(org.eq.1,user.eq.u1),and(org.eq.2,user.eq."u(2)"))']])
    expect(() => pkFilter([])).toThrow()
    expect(() => pkFilter([{ id: null }])).toThrow(/NULL/)
  })

  it('keys rows and describes keys', () => {
    expect(rowKey({ id: 5, x: 1 }, ['id'])).toBe('["5"]')
    expect(rowKey({ id: '5' }, ['id'])).toBe('["5"]')
    expect(describeKey({ org: 1, user: 'u1' })).toBe('(org, user) = (1, u1)')
  })
})

describe('staged calls', () => {
  const staged: StagedChanges = {
    edits: {
      '["1"]': { key: '["1"]', pk: { id: 1 }, changes: { name: 'Ada L.', email: null }, before: { name: 'Ada', email: 'a@x' } },
      '["3"]': { key: '["3"]', pk: { id: 3 }, changes: { name: 'gone anyway' }, before: { name: 'C' } },
    },
    inserts: [{ id: 'n1', values: { name: 'New' } }],
    deletes: { '["3"]': { key: '["3"]', pk: { id: 3 } }, '["4"]': { key: '["4"]', pk: { id: 4 } } },
  }

  it('plans one PATCH per edited row, one POST per insert and a DELETE by key; edits of deleted rows are dropped', () => {
    const calls = planCalls('public', 'authors', staged)
    expect(calls.map((c) => [c.method, c.path, c.body, c.expectedRows])).toEqual([
      ['PATCH', '/api/v1/tables/public/authors?id=eq.1', { name: 'Ada L.', email: null }, 1],
      ['POST', '/api/v1/tables/public/authors', { name: 'New' }, 1],
      ['DELETE', '/api/v1/tables/public/authors?id=in.(3,4)', undefined, 2],
    ])
    expect(calls[2].items).toEqual(['["3"]', '["4"]'])
  })

  it('splits very long deletes and counts affected rows from responses', () => {
    const deletes = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, { key: `k${i}`, pk: { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` } }]))
    const calls = planCalls('public', 't', { edits: {}, inserts: [], deletes })
    expect(calls.length).toBeGreaterThan(1)
    expect(calls.every((c) => c.path.length <= 6000)).toBe(true)
    expect(calls.reduce((n, c) => n + c.expectedRows, 0)).toBe(2000)
    expect(affectedRows('delete', { affected: 2, records: [{}, {}] })).toBe(2)
    expect(affectedRows('update', [{}, {}])).toBe(2)
    expect(affectedRows('update', [])).toBe(0)
    expect(affectedRows('insert', { id: 1 })).toBe(1)
  })
})

describe('describeKeys', () => {
  it('names the keys a delete acts on', async () => {
    const { describeKeys } = await import('../../../../renderer/src/features/tables/lib/row-keys')
    expect(describeKeys([{ id: 5 }, { id: 6 }])).toBe('id in (5, 6)')
    expect(describeKeys([{ a: 1, b: 'x' }])).toBe('(a, b) in ((1, x))')
    expect(describeKeys(Array.from({ length: 10 }, (_, i) => ({ id: i })), 3)).toBe('id in (0, 1, 2 and 7 more)')
  })
})
