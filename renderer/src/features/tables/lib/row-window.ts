// features/tables/lib/row-window.ts — one page of a table's rows (up to `capacity`, from `start`), loaded lazily in
// blocks as the grid scrolls: only blocks in view (and the next one in the direction of the scroll) are fetched, at
// most MAX_IN_FLIGHT at once, the nearest first.
// The first block asks for count=estimated (instant on any size); a short block reveals the exact end. The grid
// subscribes (useSyncExternalStore) and redraws when blocks land. No React, no fetch: the caller supplies fetchBlock.
import type { Row } from './value-types'

export interface BlockResult {
  rows: Row[]
  /** Content-Range total, when the request asked for a count. */
  total?: number
}

export type FetchBlock = (offset: number, limit: number, withCount: boolean, signal: AbortSignal) => Promise<BlockResult>

export interface WindowOptions {
  start: number
  capacity: number
  blockSize: number
  /** A total already known (e.g. from the previous page): no count is asked again. */
  total?: number
  totalExact?: boolean
  /** Below this, the server's count=estimated is exact (PostgREST's rule: it counts when the estimate is small). */
  exactBelow?: number
}

const MAX_IN_FLIGHT = 3

/** Rows per request: a screenful many times over, small enough to come back fast on any table. */
export const BLOCK_SIZE = 250

/**
 * One place in the window. The grid's data is the array of slots: a slot keeps its identity while its row arrives
 * (or is reloaded), so a block landing fills slots in place instead of handing the grid a new 10,000-row array
 * (and the table model a new row model) every time.
 */
export interface RowSlot {
  row: Row | undefined
}

export class RowWindow {
  readonly start: number
  readonly capacity: number
  readonly blockSize: number
  /** Rows of the whole table (or filtered result), when known. */
  total: number | undefined
  totalExact: boolean
  /** The first failure, in the server's words; cleared by retry(). */
  error: Error | null = null
  /** True once the first block answered (rows or not). */
  started = false

  private readonly fetchBlock: FetchBlock
  private readonly exactBelow: number
  private readonly rows: Array<Row | undefined> = []
  private readonly blocks = new Map<number, 'loading' | 'done'>()
  /** Blocks to fetch, nearest first. */
  private wanted: number[] = [0]
  private inFlight = 0
  private knownEnd: number | undefined
  /** Bumped by reload(): answers to requests of an older generation are dropped. */
  private generation = 0
  private counting = false
  private readonly controller = new AbortController()
  private listeners = new Set<() => void>()
  private version = 0
  private slots: RowSlot[] = []

  constructor(fetchBlock: FetchBlock, options: WindowOptions) {
    this.fetchBlock = fetchBlock
    this.start = options.start
    this.capacity = options.capacity
    this.blockSize = options.blockSize
    this.total = options.total
    this.totalExact = options.totalExact ?? false
    this.exactBelow = options.exactBelow ?? 1000
    if (this.total !== undefined && this.totalExact) this.knownEnd = Math.max(0, Math.min(this.capacity, this.total - this.start))
  }

  /** Rows the grid lays out (loaded or not). */
  get length(): number {
    if (this.knownEnd !== undefined) return this.knownEnd
    if (this.total === undefined) return this.started ? this.loadedEnd() : 0
    return Math.max(this.loadedEnd(), Math.min(this.capacity, Math.max(0, this.total - this.start)))
  }

  /** The window holds more rows of the table after it (there is a next page). */
  get hasMore(): boolean {
    if (this.knownEnd !== undefined) return this.knownEnd === this.capacity && (!this.totalExact || this.total === undefined || this.start + this.capacity < this.total)
    return this.total === undefined || this.start + this.capacity < this.total || !this.totalExact
  }

  get loading(): boolean {
    return this.inFlight > 0
  }

  row(index: number): Row | undefined {
    return this.rows[index]
  }

  /** Loaded rows in window order (skipping unloaded ones). */
  loadedRows(): Row[] {
    return this.rows.filter((r): r is Row => r !== undefined)
  }

  /**
   * The grid's data: one slot per laid-out row (row undefined while its block is on its way). The array is new
   * only when the number of rows changes; otherwise arriving rows are written into the existing slots.
   */
  data(): RowSlot[] {
    const n = this.length
    if (this.slots.length !== n) {
      const next = this.slots.slice(0, n)
      for (let i = next.length; i < n; i++) next.push({ row: undefined })
      this.slots = next
    }
    for (let i = 0; i < n; i++) {
      const row = this.rows[i]
      if (this.slots[i].row !== row) this.slots[i].row = row
    }
    return this.slots
  }

  /** Replace one loaded row (after a successful write) without refetching. */
  replaceRow(index: number, row: Row): void {
    if (this.rows[index] === undefined) return
    this.rows[index] = row
    this.bump()
  }

  /** The index of the loaded row for which `match` is true, or -1. */
  findIndex(match: (row: Row) => boolean): number {
    for (let i = 0; i < this.rows.length; i++) {
      const row = this.rows[i]
      if (row !== undefined && match(row)) return i
    }
    return -1
  }

  /**
   * Ask for the rows [from, to) (window indexes); fetches the blocks that cover them, then, when `ahead` is given,
   * the rows that far past them in the direction of travel (negative: before `from`), so rows scrolled to are
   * there by the time they come into view.
   */
  ensure(from: number, to: number, ahead = 0): void {
    const lo = Math.max(0, Math.floor(from / this.blockSize))
    const hi = Math.max(lo, Math.floor(Math.max(from, to - 1) / this.blockSize))
    const wanted: number[] = []
    for (let b = lo; b <= hi; b++) wanted.push(b)
    if (ahead > 0) for (let b = hi + 1; b <= Math.floor((Math.max(from, to - 1) + ahead) / this.blockSize); b++) wanted.push(b)
    if (ahead < 0) for (let b = lo - 1; b >= Math.max(0, Math.floor((from + ahead) / this.blockSize)); b--) wanted.push(b)
    this.wanted = wanted
    this.pump()
  }

  /**
   * Fetch again (after writes, or Refresh) without blanking the grid: the rows on screen stay until their block is
   * back, the count is asked again, and the end of the table is learnt anew.
   */
  reload(): void {
    this.generation++
    this.blocks.clear()
    this.inFlight = 0
    this.counting = false
    this.error = null
    this.total = undefined
    this.totalExact = false
    this.knownEnd = undefined
    this.bump()
    this.pump()
  }

  retry(): void {
    this.error = null
    for (const [b, state] of this.blocks) if (state === 'loading') this.blocks.delete(b)
    this.bump()
    this.pump()
  }

  dispose(): void {
    this.controller.abort()
    this.listeners.clear()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getVersion = (): number => this.version

  private loadedEnd(): number {
    return this.rows.length
  }

  private maxBlock(): number {
    const len = this.knownEnd ?? this.capacity
    return Math.max(0, Math.ceil(len / this.blockSize) - 1)
  }

  private pump(): void {
    if (this.controller.signal.aborted || this.error) return
    // Before anything is known, the first block alone (it carries the count).
    if (!this.started && this.inFlight > 0) return
    const wanted = this.started ? this.wanted : [0]
    const max = this.maxBlock()
    for (const b of wanted) {
      if (this.inFlight >= MAX_IN_FLIGHT) break
      if (b <= max && !this.blocks.has(b)) this.load(b)
    }
  }

  private load(block: number): void {
    const offsetInWindow = block * this.blockSize
    const limit = Math.min(this.blockSize, this.capacity - offsetInWindow)
    if (limit <= 0) return
    const withCount = this.total === undefined && !this.counting
    if (withCount) this.counting = true
    const generation = this.generation
    this.blocks.set(block, 'loading')
    this.inFlight++
    this.fetchBlock(this.start + offsetInWindow, limit, withCount, this.controller.signal).then(
      (result) => {
        if (this.controller.signal.aborted || generation !== this.generation) return
        this.inFlight--
        if (withCount) this.counting = false
        this.blocks.set(block, 'done')
        this.started = true
        for (let i = 0; i < result.rows.length; i++) this.rows[offsetInWindow + i] = result.rows[i]
        if (result.total !== undefined) {
          this.total = result.total
          this.totalExact = result.rows.length < limit || result.total < this.exactBelow
        }
        const end = offsetInWindow + result.rows.length
        if (result.rows.length < limit) {
          // The table ends inside this block: now the exact size is known (and stale rows past it go). After a
          // reload several blocks are in flight and answer in any order: the end is the earliest short block's, so
          // an empty block past it that answers last cannot lay out a block of blank rows again.
          if (this.knownEnd === undefined || end < this.knownEnd) {
            this.knownEnd = end
            this.rows.length = Math.min(this.rows.length, end)
            this.total = this.start + end
            this.totalExact = true
          }
        } else if (this.knownEnd === undefined && this.total !== undefined && this.totalExact) {
          this.knownEnd = Math.max(0, Math.min(this.capacity, this.total - this.start))
        } else if (this.knownEnd === undefined && this.total !== undefined && this.start + offsetInWindow + limit >= this.total) {
          // A full block where the estimate said the table ends: the estimate was low; lay out one more block.
          this.total = this.start + offsetInWindow + limit + this.blockSize
        }
        this.bump()
        this.pump()
      },
      (err: unknown) => {
        if (this.controller.signal.aborted || generation !== this.generation || (err as Error).name === 'AbortError') return
        this.inFlight--
        if (withCount) this.counting = false
        this.blocks.delete(block)
        this.started = true
        this.error = err instanceof Error ? err : new Error(String(err))
        this.bump()
      },
    )
  }

  private bump(): void {
    this.version++
    for (const l of this.listeners) l()
  }
}
