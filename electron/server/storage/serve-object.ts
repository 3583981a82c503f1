// storage/serve-object.ts — an object's bytes as an HTTP response: Content-Type as stored, ETag (MD5) and
// Last-Modified with conditional requests (304), one byte range (206/416), HEAD without a body. The file is opened
// before any header is sent, so a file freed by a concurrent overwrite is noticed (ENOENT) and the caller retries.
import fsp from 'node:fs/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { decideRange } from './byte-range.js'
import { inlineSafe } from './content-type.js'
import { versionPath, type DiskLayout } from './disk-layout.js'
import type { ObjectRow } from './object-row.js'

/** Thrown when the row's file vanished between lookup and open (replaced and freed meanwhile). */
export class FileGoneError extends Error {}

function etagOf(row: ObjectRow): string {
  return `"${row.etag ?? row.version}"`
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  // Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x".
  const bare = etag.replace(/^W\//, '')
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare)
}

function notModified(request: FastifyRequest, row: ObjectRow, etag: string): boolean {
  const inm = request.headers['if-none-match']
  if (inm) return etagMatches(inm, etag)
  const ims = request.headers['if-modified-since']
  if (ims) {
    const since = Date.parse(ims)
    // HTTP dates have whole seconds.
    return !Number.isNaN(since) && Math.floor(row.updated_at.getTime() / 1000) * 1000 <= since
  }
  return false
}

function ifRangeHolds(value: string, row: ObjectRow, etag: string): boolean {
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag
  return Date.parse(value) >= Math.floor(row.updated_at.getTime() / 1000) * 1000
}

/** RFC 6266 / 8187: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', key: string, filename?: string): string {
  const name = filename || key.slice(key.lastIndexOf('/') + 1)
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

export interface ServeOptions {
  /** ?download or ?download=name: always an attachment. */
  download?: string | boolean
}

export async function serveObject(request: FastifyRequest, reply: FastifyReply, layout: DiskLayout, row: ObjectRow, opts: ServeOptions = {}): Promise<FastifyReply> {
  let fh: fsp.FileHandle
  try {
    fh = await fsp.open(versionPath(layout, row.version), 'r')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FileGoneError(row.version)
    throw err
  }
  let handedOff = false
  try {
    const etag = etagOf(row)
    const inline = !opts.download && inlineSafe(row.mime_type)
    reply
      .header('ETag', etag)
      .header('Last-Modified', row.updated_at.toUTCString())
      .header('Accept-Ranges', 'bytes')
      .header('Cache-Control', row.cache_control ?? 'no-cache')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', row.path, typeof opts.download === 'string' ? opts.download : undefined))
    // The SDK's downloadResumable() reads Accept-Ranges from a HEAD; cross-origin it is invisible unless exposed.
    const exposed = reply.getHeader('access-control-expose-headers')
    if (typeof exposed === 'string' && !/accept-ranges/i.test(exposed)) reply.header('Access-Control-Expose-Headers', `${exposed}, Accept-Ranges`)
    // What is not safe to render inline must never run script on the API's origin, even if a browser renders it.
    if (!inline) reply.header('Content-Security-Policy', "default-src 'none'; sandbox")

    if (notModified(request, row, etag)) return reply.code(304).send()

    let range = decideRange(request.method === 'HEAD' ? undefined : request.headers.range, row.size)
    // If-Range: send the range only if the client's copy is still current; otherwise the whole (new) file.
    const ifRange = String(request.headers['if-range'] ?? '')
    if (range.kind !== 'full' && ifRange && !ifRangeHolds(ifRange, row, etag)) range = { kind: 'full' }
    reply.type(row.mime_type)
    if (range.kind === 'unsatisfiable') {
      return reply.code(416).header('Content-Range', `bytes */${row.size}`).send()
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, row.size - 1]
    if (range.kind === 'partial') reply.code(206).header('Content-Range', `bytes ${start}-${end}/${row.size}`)
    reply.header('Content-Length', String(Math.max(0, end - start + 1)))
    if (request.method === 'HEAD' || row.size === 0) return reply.send()
    handedOff = true
    return reply.send(fh.createReadStream({ start, end, autoClose: true }))
  } finally {
    if (!handedOff) await fh.close()
  }
}
