// Unit tests: the lazily loaded page of rows — first block with the count, blocks in view only, the exact end.
import { describe, expect, it } from 'vitest'
import { RowWindow, type FetchBlock } from '../../../../renderer/src/features/tables/lib/row-window'

function fakeTable(size: number, estimate = size) {
  const calls: Array<{ offset: number; limit: number; withCount: boolean }> = []
  const fetchBlock: FetchBlock = async (offset, limit, withCount) => {
    calls.push({ offset, limit, withCount })
    const n = Math.max(0, Math.min(limit, size - offset))
    return { rows: Array.from({ length: n }, (_, i) => ({ id: offset + i + 1 })), total: withCount ? (n < limit ? offset + n : estimate) : undefined }
  }
  return { calls, fetchBlock }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('RowWindow', () => {
  it('loads the first block with a count, then only blocks in view', async () => {
    const t = fakeTable(1_000_000)
    const w = new RowWindow(t.fetchBlock, { start: 0, capacity: 10_000, blockSize: 200 })
    w.ensure(0, 30)
    await settle()
    expect(t.calls).toEqual([{ offset: 0, limit: 200, withCount: true }])
    expect(w.total).toBe(1_000_000)
    expect(w.totalExact).toBe(false)
    expect(w.length).toBe(10_000)
    const slots = w.data()
    expect(slots[0].row).toEqual({ id: 1 })
    expect(slots[500].row).toBeUndefined()
    w.ensure(5_000, 5_030)
    await settle()
    expect(t.calls.slice(1)).toEqual([{ offset: 5_000, limit: 200, withCount: false }])
    expect(w.hasMore).toBe(true)
    // Same slots, filled in place: the grid's table model is not rebuilt when a block lands.
    expect(w.data()).toBe(slots)
    expect(slots[5_000].row).toEqual({ id: 5_001 })
  })

  it('learns the exact end from a short block', async () => {
    const t = fakeTable(250, 1200)
    const w = new RowWindow(t.fetchBlock, { start: 0, capacity: 10_000, blockSize: 200 })
    w.ensure(0, 30)
    await settle()
    expect(w.length).toBe(1200)
    w.ensure(190, 260)
    await settle()
    expect(w.length).toBe(250)
    expect(w.total).toBe(250)
    expect(w.totalExact).toBe(true)
    expect(w.hasMore).toBe(false)
  })

  it('grows past a low estimate and keeps errors until retried', async () => {
    const t = fakeTable(700, 300)
    const w = new RowWindow(t.fetchBlock, { start: 0, capacity: 10_000, blockSize: 200, exactBelow: 0 })
    w.ensure(0, 30)
    await settle()
    w.ensure(200, 300)
    await settle()
    expect(w.length).toBeGreaterThan(300)
    let fail = true
    const w2 = new RowWindow(async (o, l, c, s) => {
      if (fail) throw new Error('permission denied for table t')
      return t.fetchBlock(o, l, c, s)
    }, { start: 0, capacity: 100, blockSize: 50 })
    w2.ensure(0, 10)
    await settle()
    expect(w2.error?.message).toMatch(/permission denied/)
    fail = false
    w2.retry()
    await settle()
    expect(w2.error).toBeNull()
    expect(w2.length).toBe(100)
  })
})

describe('RowWindow look-ahead', () => {
  it('fetches the rows in view first, then the block ahead in the direction of travel, never past the end', async () => {
    const t = fakeTable(1_000_000)
    const w = new RowWindow(t.fetchBlock, { start: 0, capacity: 1000, blockSize: 200 })
    w.ensure(0, 30, 200)
    // The first block alone until it answers (it carries the count), then the one ahead.
    expect(t.calls.map((c) => c.offset)).toEqual([0])
    await settle()
    expect(t.calls.map((c) => c.offset)).toEqual([0, 200])
    // Scrolling down into block 2 with the rows in view not loaded: block 2 before block 3 ahead.
    t.calls.length = 0
    w.ensure(420, 460, 200)
    await settle()
    expect(t.calls.map((c) => c.offset)).toEqual([400, 600])
    // Scrolling back up: the block before is fetched ahead; nothing past the window's last block.
    t.calls.length = 0
    w.ensure(900, 940, 200)
    w.ensure(850, 890, -200)
    await settle()
    expect(t.calls.map((c) => c.offset)).toEqual([800])
    t.calls.length = 0
    w.ensure(630, 660, -200)
    await settle()
    expect(t.calls).toEqual([])
  })
})

describe('RowWindow.reload', () => {
  it('keeps rows on screen, counts again and learns a new end after deletes', async () => {
    let size = 600
    const calls: Array<{ offset: number; withCount: boolean }> = []
    const w = new RowWindow(async (offset, limit, withCount) => {
      calls.push({ offset, withCount })
      const n = Math.max(0, Math.min(limit, size - offset))
      return { rows: Array.from({ length: n }, (_, i) => ({ id: offset + i + 1, v: size })), total: withCount ? (n < limit ? offset + n : size) : undefined }
    }, { start: 0, capacity: 10_000, blockSize: 200 })
    w.ensure(0, 10)
    await settle()
    w.ensure(400, 600)
    await settle()
    expect(w.length).toBe(600)
    size = 450
    calls.length = 0
    w.reload()
    expect(w.length).toBe(600)
    expect(w.data()[0].row).toEqual({ id: 1, v: 600 })
    w.ensure(400, 600)
    await settle()
    expect(calls).toEqual([{ offset: 400, withCount: true }])
    expect(w.length).toBe(450)
    expect(w.total).toBe(450)
    expect(w.totalExact).toBe(true)
  })
})

describe('RowWindow.reload of a small table (issue 22, defect 1: the grid invented rows after an edit)', () => {
  it('an empty block past the end that answers after the short first block does not move the end', async () => {
    // A 6-row table; after a write the grid reloads with the first block and the block ahead in flight at once.
    // The block ahead (offset 250) is empty and, on a busy machine, answers last.
    const pending: Array<() => void> = []
    const w = new RowWindow(async (offset, limit, withCount) => {
      const n = Math.max(0, Math.min(limit, 6 - offset))
      const result = { rows: Array.from({ length: n }, (_, i) => ({ id: offset + i + 1 })), total: withCount ? 6 : undefined }
      if (offset === 0) return result
      return new Promise((resolve) => pending.push(() => resolve(result)))
    }, { start: 0, capacity: 1000, blockSize: 250 })
    w.ensure(0, 60)
    await settle()
    expect(w.length).toBe(6)
    w.ensure(0, 26, 250)
    w.reload()
    await settle()
    expect(w.length).toBe(6)
    for (const answer of pending.splice(0)) answer()
    await settle()
    expect(w.length).toBe(6)
    expect(w.total).toBe(6)
    expect(w.data()).toHaveLength(6)
    expect(w.hasMore).toBe(false)
  })

  it('a block past the end answering first is overruled by the shorter first block', async () => {
    const pending: Array<() => void> = []
    const w = new RowWindow(async (offset, limit, withCount) => {
      const n = Math.max(0, Math.min(limit, 6 - offset))
      const result = { rows: Array.from({ length: n }, (_, i) => ({ id: offset + i + 1 })), total: withCount ? 6 : undefined }
      if (offset !== 0) return result
      return new Promise((resolve) => pending.push(() => resolve(result)))
    }, { start: 0, capacity: 1000, blockSize: 250 })
    w.ensure(0, 60)
    for (const answer of pending.splice(0)) answer()
    await settle()
    w.ensure(0, 26, 250)
    w.reload()
    await settle()
    for (const answer of pending.splice(0)) answer()
    await settle()
    expect(w.length).toBe(6)
    expect(w.total).toBe(6)
  })
})
