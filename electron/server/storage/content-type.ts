// storage/content-type.ts — what an uploaded file's Content-Type is, and whether a bucket accepts it. Pure.
// The type is chosen once at upload (explicit field > the part's own type > the key's extension) and stored; a
// download serves exactly what was stored.
import { ApiError } from '../errors.js'

const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain', md: 'text/markdown', csv: 'text/csv', tsv: 'text/tab-separated-values', html: 'text/html',
  htm: 'text/html', css: 'text/css', js: 'text/javascript', mjs: 'text/javascript', json: 'application/json',
  xml: 'application/xml', yaml: 'application/yaml', yml: 'application/yaml', pdf: 'application/pdf',
  zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar', wasm: 'application/wasm',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif',
  svg: 'image/svg+xml', ico: 'image/x-icon', bmp: 'image/bmp', heic: 'image/heic', tif: 'image/tiff', tiff: 'image/tiff',
  mp3: 'audio/mpeg', wav: 'audio/wav', ogg: 'audio/ogg', m4a: 'audio/mp4', flac: 'audio/flac',
  mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime', mkv: 'video/x-matroska',
  woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf', otf: 'font/otf',
}

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream'

// type/subtype with optional parameters, as RFC 9110 tokens; anything else could smuggle header syntax.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+"
const CONTENT_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(\\s*;\\s*${TOKEN}=(${TOKEN}|"[^"\\\\\\r\\n]*"))*$`)

export function guessContentType(key: string): string {
  const dot = key.lastIndexOf('.')
  const ext = dot > key.lastIndexOf('/') ? key.slice(dot + 1).toLowerCase() : ''
  return BY_EXTENSION[ext] ?? DEFAULT_CONTENT_TYPE
}

/** Validates and tidies a client-given type ("Image/PNG" → "image/png"); 400 when it is not a media type. */
export function normalizeContentType(value: string, source = 'content_type'): string {
  const v = value.trim()
  if (v.length > 255 || !CONTENT_TYPE.test(v)) {
    throw new ApiError(400, 'INVALID_CONTENT_TYPE', `invalid ${source} "${v.slice(0, 100)}": expected a media type such as "image/png"`)
  }
  const semi = v.indexOf(';')
  return semi < 0 ? v.toLowerCase() : v.slice(0, semi).trim().toLowerCase() + v.slice(semi)
}

/**
 * The stored type: an explicit content_type wins; then the part's own type unless it is the generic octet-stream
 * a Blob without a type sends; then a guess from the key's extension.
 */
export function chooseContentType(key: string, explicit: string | undefined, partType: string | undefined): string {
  if (explicit) return normalizeContentType(explicit)
  if (partType && partType !== DEFAULT_CONTENT_TYPE) {
    try {
      return normalizeContentType(partType, 'file content type')
    } catch {
      // A browser's odd part type is not the client's fault: fall back to the extension.
    }
  }
  return guessContentType(key)
}

/** The media type without parameters ("text/plain; charset=utf-8" → "text/plain"). */
export function essence(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase()
}

/** Whether a bucket's allowed list ("image/png", "image/*", "*\/*") admits the type; an empty list admits all. */
export function mimeAllowed(contentType: string, allowed: readonly string[] | null | undefined): boolean {
  if (!allowed || allowed.length === 0) return true
  const type = essence(contentType)
  return allowed.some((pattern) => {
    const p = essence(pattern)
    if (p === '*/*' || p === '*' || p === type) return true
    return p.endsWith('/*') && type.startsWith(p.slice(0, -1))
  })
}

/** Types a browser may render inline from the API's origin without running script there. */
const INLINE_SAFE = /^(image\/(png|jpeg|gif|webp|avif|bmp|x-icon)|video\/[\w.+-]+|audio\/[\w.+-]+|application\/pdf|text\/plain|text\/csv|application\/json)$/
export function inlineSafe(contentType: string): boolean {
  return INLINE_SAFE.test(essence(contentType))
}
