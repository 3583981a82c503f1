// storage/reserved-suffixes.ts — the SDK calls that name an object and then an action after it
// (`…/{key}/signed-url`, `…/{key}/share`, `…/{key}/shares`, `…/{key}/share/{userId}`) and the resumable-upload
// calls under `…/chunked/{session}`. Pure: the raw path remainder → which call it is, before anything reads it as an
// object key. Without this, `POST …/photo.png/signed-url` stored a new object named "photo.png/signed-url".
// Uploads to keys that would collide with these spellings are refused (checkKeyNotReserved), so one URL always has
// one meaning.
import { ApiError } from '../errors.js'
import { decodeKey } from './request-target.js'

export type SuffixCall =
  | { call: 'signed-url'; key: string }
  | { call: 'share'; key: string }
  | { call: 'shares'; key: string }
  | { call: 'unshare'; key: string; userId: string }

export type ChunkedCall =
  | { call: 'chunked-init' }
  | { call: 'chunked-part'; session: string; index: string }
  | { call: 'chunked-status'; session: string }
  | { call: 'chunked-complete'; session: string }
  | { call: 'chunked-abort'; session: string }

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
const ACTION_WORDS = ['signed-url', 'share', 'shares']
const UNSHARE = new RegExp(`^(.+)/share/(${UUID})$`)

/** `rest` is the raw (still percent-encoded) remainder after "/{bucket}/". */
export function matchSuffixCall(method: string, rest: string): SuffixCall | undefined {
  if (method === 'POST' && rest.endsWith('/signed-url')) return { call: 'signed-url', key: decodeKey(rest.slice(0, -'/signed-url'.length)) }
  if (method === 'POST' && rest.endsWith('/share')) return { call: 'share', key: decodeKey(rest.slice(0, -'/share'.length)) }
  if ((method === 'GET' || method === 'HEAD') && rest.endsWith('/shares')) return { call: 'shares', key: decodeKey(rest.slice(0, -'/shares'.length)) }
  if (method === 'DELETE') {
    const m = UNSHARE.exec(rest)
    if (m) return { call: 'unshare', key: decodeKey(m[1]!), userId: m[2]!.toLowerCase() }
  }
  return undefined
}

const CHUNK_PART = new RegExp(`^chunked/(${UUID})/([^/]+)$`)
const CHUNK_SESSION = new RegExp(`^chunked/(${UUID})$`)

export function matchChunkedCall(method: string, rest: string): ChunkedCall | undefined {
  if (!rest.startsWith('chunked/')) return undefined
  if (method === 'POST' && rest === 'chunked/init') return { call: 'chunked-init' }
  const session = CHUNK_SESSION.exec(rest)
  if (session && method === 'DELETE') return { call: 'chunked-abort', session: session[1]!.toLowerCase() }
  const part = CHUNK_PART.exec(rest)
  if (!part) return undefined
  const id = part[1]!.toLowerCase()
  if (method === 'GET' && part[2] === 'status') return { call: 'chunked-status', session: id }
  if (method === 'POST' && part[2] === 'complete') return { call: 'chunked-complete', session: id }
  if (method === 'PUT') return { call: 'chunked-part', session: id, index: part[2]! }
  return undefined
}

/** Refuses a key an upload, copy or move would create when a later request for it would mean an SDK call instead. */
export function checkKeyNotReserved(key: string): string {
  const segments = key.split('/')
  const last = segments[segments.length - 1]!
  if (segments.length > 1 && ACTION_WORDS.includes(last)) {
    throw new ApiError(400, 'RESERVED_KEY', `an object path cannot end in "/${last}": that URL is the SDK's ${last === 'signed-url' ? 'generateSignedUrl()' : last === 'shares' ? 'listShares()' : 'share()'} call`, undefined, 'choose another name for the file')
  }
  if (segments.length > 2 && segments[segments.length - 2] === 'share' && new RegExp(`^${UUID}$`).test(last)) {
    throw new ApiError(400, 'RESERVED_KEY', 'an object path cannot end in "/share/<user id>": that URL is the SDK\'s revokeShare() call', undefined, 'choose another name for the file')
  }
  if (segments[0] === 'chunked' && segments.length >= 2 && new RegExp(`^${UUID}$`).test(segments[1]!)) {
    throw new ApiError(400, 'RESERVED_KEY', 'an object path cannot start with "chunked/<session id>": those URLs are the SDK\'s resumable uploads', undefined, 'choose another folder name')
  }
  return key
}
