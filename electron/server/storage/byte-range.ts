// storage/byte-range.ts — the Range header of a download → which bytes to send (RFC 9110 §14). Pure.
// One range only: a multi-range or malformed header is ignored (a full 200), which the RFC allows.
export type RangeDecision =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' }

const SINGLE = /^bytes=(\d*)-(\d*)$/

export function decideRange(header: string | undefined, size: number): RangeDecision {
  if (!header) return { kind: 'full' }
  const m = SINGLE.exec(header.trim().replace(/\s+/g, ''))
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' }
  if (m[1] === '') {
    // bytes=-N: the last N bytes.
    const n = Number(m[2])
    if (!Number.isSafeInteger(n) || n === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 }
  }
  const start = Number(m[1])
  const last = m[2] === '' ? size - 1 : Number(m[2])
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(last)) return { kind: 'full' }
  if (m[2] !== '' && last < start) return { kind: 'full' }
  if (start >= size) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start, end: Math.min(last, size - 1) }
}
