// features/tables/grid/same-props.ts — the memo test of the grid's rows and cells: React's default shallow compare
// allocates two key arrays per comparison, and a scroll frame compares every row and every reused cell (garbage
// that ends in a collection during a later frame). Same result, no allocation. Pure.

export function sameProps<T extends object>(a: T, b: T): boolean {
  for (const key in a) if (!Object.is(a[key], b[key])) return false
  for (const key in b) if (!(key in a)) return false
  return true
}
