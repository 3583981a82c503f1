// storage/object-key.ts — the canonical object key rule, checked on every path that names an object (upload,
// download, sign, copy, move, list prefixes). Pure. Keys never become file names (disk-layout.ts stores bytes under
// server-made names), so this rule is about one key having one spelling, not about the disk; it still refuses
// everything that looks like a path trick, so that policies on `name` see what a human reads.
import { ApiError } from '../errors.js'

export const MAX_KEY_BYTES = 1024

// Control characters (NUL, newlines…), format characters (zero-width joiners, bidi overrides, BOM), lone
// surrogates, and line/paragraph separators: invisible or ambiguous, so never part of a canonical key.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}

function invalid(what: string, reason: string, hint?: string): ApiError {
  return new ApiError(400, 'INVALID_KEY', `invalid ${what}: ${reason}`, undefined, hint)
}

/**
 * Returns the reason a key is not canonical, or undefined when it is. Canonical: 1–1024 UTF-8 bytes, NFKC-normal
 * (so no fullwidth ．／, ligatures or other compatibility forms that normalise to something else), no invisible
 * characters, no backslash, "/" only between non-empty folder names, and no "." or ".." folder.
 */
export function objectKeyProblem(key: string): { reason: string; hint?: string } | undefined {
  if (key.length === 0) return { reason: 'the path is empty' }
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return { reason: `the path is longer than ${MAX_KEY_BYTES} bytes` }
  const bad = INVISIBLE.exec(key)
  if (bad) return { reason: `the path contains the invisible or control character ${codePoint(bad[0])}` }
  if (key.includes('\\')) return { reason: 'the path contains a backslash', hint: 'use "/" to separate folders' }
  const nfkc = key.normalize('NFKC')
  if (nfkc !== key) {
    return {
      reason: 'the path is not in Unicode NFKC form (it has compatibility characters such as fullwidth letters, dots or slashes)',
      hint: INVISIBLE.test(nfkc) || nfkc.includes('\\') ? undefined : `its NFKC form is "${nfkc}"`,
    }
  }
  if (key.startsWith('/')) return { reason: 'the path starts with "/"', hint: 'object paths are relative to the bucket: drop the leading "/"' }
  if (key.endsWith('/')) return { reason: 'the path ends with "/", which names a folder, not a file' }
  const segments = key.split('/')
  if (segments.some((s) => s === '')) return { reason: 'the path has an empty folder name ("//")' }
  if (segments.some((s) => s === '.' || s === '..')) return { reason: 'the path has a "." or ".." folder' }
  return undefined
}

export function checkObjectKey(key: string, what = 'object path'): string {
  const problem = objectKeyProblem(key)
  if (problem) throw invalid(what, problem.reason, problem.hint)
  return key
}

/**
 * A list prefix is compared with starts_with(), so any text is harmless; only what PostgreSQL cannot hold (NUL) or
 * what no canonical key can contain is refused, so that a typo is a 400 rather than a silently empty list.
 */
export function checkPrefix(prefix: string): string {
  if (Buffer.byteLength(prefix, 'utf8') > MAX_KEY_BYTES) throw invalid('prefix', `the prefix is longer than ${MAX_KEY_BYTES} bytes`)
  const bad = INVISIBLE.exec(prefix)
  if (bad) throw invalid('prefix', `the prefix contains the invisible or control character ${codePoint(bad[0])}`)
  return prefix
}
