// Unit tests: the grid's row element keys — rows in view keep theirs, rows coming in reuse the keys of rows that
// left (same stripe parity first), keys stay unique and few.
import { describe, expect, it } from 'vitest'
import { newRowKeys, recycleRowKeys } from '../../../../renderer/src/features/tables/grid/recycle-keys'

const keysOf = (m: Map<number, number>, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => m.get(from + i))
const unique = (m: Map<number, number>) => new Set(m.values()).size === m.size

describe('recycleRowKeys', () => {
  it('keeps the keys of rows that stay and hands the keys of rows that left to rows that came in', () => {
    const s = newRowKeys()
    const a = recycleRowKeys(s, 0, 35)
    expect(keysOf(a, 0, 35)).toEqual(Array.from({ length: 36 }, (_, i) => i))
    const before = new Map(a)
    const b = recycleRowKeys(s, 20, 55)
    for (let i = 20; i <= 35; i++) expect(b.get(i)).toBe(before.get(i))
    expect(unique(b)).toBe(true)
    // No new keys: the 20 rows that came in took the 20 keys of the rows that left, stripes kept.
    expect(Math.max(...b.values())).toBe(35)
    for (const [index, key] of b) if (index >= 36) expect(key % 2).toBe(index % 2)
  })

  it('gives the same keys for the same range and stays unique through jumps, shrinks and growth', () => {
    const s = newRowKeys()
    recycleRowKeys(s, 100, 135)
    const again = new Map(s.keys)
    expect(recycleRowKeys(s, 100, 135)).toEqual(again)
    const jump = recycleRowKeys(s, 5000, 5035)
    expect(unique(jump)).toBe(true)
    expect(new Set(jump.values())).toEqual(new Set(again.values()))
    const shrunk = recycleRowKeys(s, 5000, 5009)
    expect(shrunk.size).toBe(10)
    const grown = recycleRowKeys(s, 5000, 5049)
    expect(unique(grown)).toBe(true)
    // Spare keys are used before new ones: 50 rows, keys 0…49.
    expect(Math.max(...grown.values())).toBe(49)
    expect(recycleRowKeys(s, 0, -1).size).toBe(0)
  })
})
