// realtime/like-matcher.ts — SQL LIKE/ILIKE for realtime filters (realtime-filter.ts), without a regular expression.
// A backtracking RegExp built from `%a%a%a%b` takes polynomial time in the value's length on the fan-out's hot path
// (one anonymous subscriber could stall the whole server); this matcher splits the pattern at its `%` wildcards and
// finds each piece leftmost-first, which is exact for LIKE and takes time linear in the value (× the bounded pattern).
// Pure. `%` and `*` (the SDK's spelling) match any run, `_` one character, `\` escapes the next character.

/** Longest LIKE pattern a filter may carry (characters). */
export const MAX_LIKE_PATTERN = 512
/** Most wildcards (`%`, `*`, `_`) one LIKE pattern may carry. */
export const MAX_LIKE_WILDCARDS = 32

const ASTRAL = /[\uD800-\uDFFF]/

export class LikePatternError extends Error {}

/** One piece between `%` wildcards: characters, or null for `_` (any one character). */
type Piece = (string | null)[]

export interface LikeMatcher {
  test(value: string): boolean
}

/** The pattern split at its `%` wildcards: n pieces mean n - 1 wildcards between them (empty pieces allowed). */
function compile(pattern: string, fold: boolean): Piece[] {
  const chars = Array.from(fold ? pattern.toLowerCase() : pattern)
  const pieces: Piece[] = [[]]
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (ch === '%' || ch === '*') pieces.push([])
    else if (ch === '\\' && i + 1 < chars.length) pieces[pieces.length - 1].push(chars[++i])
    else pieces[pieces.length - 1].push(ch === '_' ? null : ch)
  }
  return pieces
}

function pieceAt(value: ArrayLike<string>, at: number, piece: Piece): boolean {
  if (at + piece.length > value.length) return false
  for (let k = 0; k < piece.length; k++) {
    const want = piece[k]
    if (want !== null && value[at + k] !== want) return false
  }
  return true
}

/** The first position ≥ from where `piece` matches, or -1. */
function findPiece(value: ArrayLike<string>, from: number, piece: Piece): number {
  for (let at = from; at + piece.length <= value.length; at++) if (pieceAt(value, at, piece)) return at
  return -1
}

export function likeMatcher(pattern: string, caseInsensitive: boolean): LikeMatcher {
  if (pattern.length > MAX_LIKE_PATTERN) throw new LikePatternError(`like pattern is ${pattern.length} characters long: at most ${MAX_LIKE_PATTERN} are allowed`)
  let wildcards = 0
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]
    if (ch === '\\') i++
    else if (ch === '%' || ch === '*' || ch === '_') wildcards++
  }
  if (wildcards > MAX_LIKE_WILDCARDS) throw new LikePatternError(`like pattern has ${wildcards} wildcards: at most ${MAX_LIKE_WILDCARDS} are allowed`)
  const pieces = compile(pattern, caseInsensitive)
  const head = pieces[0]
  const tail = pieces[pieces.length - 1]

  return {
    test(text: string): boolean {
      const folded = caseInsensitive ? text.toLowerCase() : text
      // Indexing the string itself avoids an array per change; only astral characters (two UTF-16 units each, one
      // character for `_`) need the split into code points.
      const value: ArrayLike<string> = ASTRAL.test(folded) ? Array.from(folded) : folded
      if (pieces.length === 1) return value.length === head.length && pieceAt(value, 0, head)
      // The first piece is anchored at the start, the last at the end; a `%` between two pieces lets the later one
      // start anywhere after the earlier one, so taking each middle piece at its leftmost place never loses a match.
      const end = value.length - tail.length
      if (end < head.length || !pieceAt(value, 0, head) || !pieceAt(value, end, tail)) return false
      let pos = head.length
      for (let p = 1; p < pieces.length - 1; p++) {
        const piece = pieces[p]
        const at = findPiece(value, pos, piece)
        if (at < 0 || at + piece.length > end) return false
        pos = at + piece.length
      }
      return true
    },
  }
}
