// features/tables/grid/recycle-keys.ts — element keys for the grid's rows, so that scrolling reuses row elements:
// a row still in view keeps its key; a row coming into view takes the key of a row that went out of view, and React
// updates that element's texts and classes instead of dropping one row's DOM and building another's. Pure.

export interface RowKeys {
  /** Row index → element key, for the rows drawn last time. */
  keys: Map<number, number>
  /** Keys not in use (the range shrank), handed out before new ones. */
  spare: number[]
}

export function newRowKeys(): RowKeys {
  return { keys: new Map(), spare: [] }
}

/**
 * Element keys for the rows first…last (inclusive; none when last < first). A row coming in takes a key freed by a
 * row of the same parity when there is one, so the reused element keeps its stripe class. Keys stay unique and
 * dense (0…n-1 for the most rows ever shown at once). The same range again gives the same keys.
 */
export function recycleRowKeys(state: RowKeys, first: number, last: number): Map<number, number> {
  const freed: [number[], number[]] = [[], []]
  for (const [index, key] of state.keys) if (index < first || index > last) freed[index % 2].push(key)
  const next = new Map<number, number>()
  let fresh = state.keys.size + state.spare.length
  for (let i = first; i <= last; i++) {
    const kept = state.keys.get(i)
    next.set(i, kept ?? freed[i % 2].pop() ?? freed[(i + 1) % 2].pop() ?? state.spare.pop() ?? fresh++)
  }
  state.spare.push(...freed[0], ...freed[1])
  state.keys = next
  return next
}
