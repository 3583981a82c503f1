// storage/image-transform.ts — an image object resized / re-encoded with sharp and served. Results are cached on disk
// by (object version, parameters) under DATA_DIR/storage/transforms, so a thumbnail is computed once per upload.
// Bounded: sources over MAX_SOURCE_BYTES or MAX_INPUT_PIXELS are refused, outputs are at most 4096 px a side, one
// transform runs at a time (the machine's cores serve the API too). sharp is loaded on first use only.
import crypto from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ApiError } from '../errors.js'
import { isVersion, versionPath, type DiskLayout } from './disk-layout.js'
import type { ObjectRow } from './object-row.js'
import { canonicalTransform, type TransformFormat, type TransformParams } from './transform-params.js'

export const MAX_SOURCE_BYTES = 50 * 1024 * 1024
/** About 50 megapixels: a decompression bomb (a small file declaring a huge canvas) is refused before decoding. */
export const MAX_INPUT_PIXELS = 50_000_000

const MIME: Record<TransformFormat, string> = { webp: 'image/webp', jpeg: 'image/jpeg', png: 'image/png', avif: 'image/avif', gif: 'image/gif' }
const SOURCE_FORMATS: Record<string, TransformFormat> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif', 'image/gif': 'gif' }

let sharpModule: Promise<typeof import('sharp')> | undefined
async function loadSharp(): Promise<typeof import('sharp').default> {
  sharpModule ??= import('sharp').then((m) => {
    // Memory stays bounded across many different images; CPU to one thread per transform.
    m.default.cache(false)
    m.default.concurrency(1)
    return m
  })
  return (await sharpModule).default
}

// One transform at a time: the rest wait their turn instead of competing for the cores.
let queue: Promise<unknown> = Promise.resolve()
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work)
  queue = run.catch(() => undefined)
  return run
}

export function transformsDir(layout: DiskLayout): string {
  return path.join(layout.root, 'transforms')
}

/** Drops every cached variant of a version (its object was deleted or replaced). */
export async function dropTransforms(layout: DiskLayout, version: string): Promise<void> {
  if (isVersion(version)) await fsp.rm(path.join(transformsDir(layout), version), { recursive: true, force: true })
}

function outputFormat(row: ObjectRow, params: TransformParams): TransformFormat {
  return params.format ?? SOURCE_FORMATS[row.mime_type.split(';')[0]!.trim().toLowerCase()] ?? 'png'
}

/** The cached file for this version and these parameters, made if missing. */
export async function transformedFile(layout: DiskLayout, row: ObjectRow, params: TransformParams): Promise<{ file: string; format: TransformFormat; etag: string }> {
  if (!row.mime_type.startsWith('image/') || row.mime_type.startsWith('image/svg')) {
    throw new ApiError(400, 'NOT_AN_IMAGE', `"${row.bucket_id}/${row.path}" is ${row.mime_type}, not a raster image: width, height, format, quality and fit apply to images only`)
  }
  if (row.size > MAX_SOURCE_BYTES) {
    throw new ApiError(413, 'IMAGE_TOO_LARGE', `the image is too large to transform: ${row.size} bytes, at most ${MAX_SOURCE_BYTES}`, undefined, 'download it without transform parameters')
  }
  const format = outputFormat(row, params)
  const key = crypto.createHash('sha256').update(`${row.version}\n${canonicalTransform({ ...params, format })}`).digest('hex')
  // One folder per object version: garbage.ts removes it with the version's file.
  const file = path.join(transformsDir(layout), row.version, `${key}.${format}`)
  const etag = `"t-${key.slice(0, 32)}"`
  if (fs.existsSync(file)) return { file, format, etag }
  await serially(async () => {
    if (fs.existsSync(file)) return
    const sharp = await loadSharp()
    await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
    const tmp = `${file}.${crypto.randomUUID()}.tmp`
    try {
      let img = sharp(versionPath(layout, row.version), { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: format === 'gif' || format === 'webp' }).rotate()
      if (params.width || params.height) img = img.resize({ width: params.width, height: params.height, fit: params.fit ?? 'cover', withoutEnlargement: false })
      img = img.toFormat(format, params.quality ? { quality: params.quality } : {})
      await img.toFile(tmp)
      await fsp.rename(tmp, file)
    } catch (err) {
      await fsp.rm(tmp, { force: true })
      if (err instanceof ApiError) throw err
      const message = (err as Error).message
      if (/pixel limit/i.test(message)) throw new ApiError(413, 'IMAGE_TOO_LARGE', `the image has more than ${MAX_INPUT_PIXELS} pixels: too large to transform`)
      throw new ApiError(422, 'IMAGE_UNREADABLE', `the image could not be transformed: ${message.split('\n')[0]}`)
    }
  })
  return { file, format, etag }
}

export async function serveTransformed(request: FastifyRequest, reply: FastifyReply, layout: DiskLayout, row: ObjectRow, params: TransformParams): Promise<FastifyReply> {
  const { file, format, etag } = await transformedFile(layout, row, params)
  const stat = await fsp.stat(file)
  reply
    .header('ETag', etag)
    .header('Cache-Control', row.cache_control ?? 'no-cache')
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Disposition', `inline; filename="${encodeURIComponent(row.path.slice(row.path.lastIndexOf('/') + 1))}"`)
    .type(MIME[format])
  if (request.headers['if-none-match'] === etag) return reply.code(304).send()
  reply.header('Content-Length', String(stat.size))
  if (request.method === 'HEAD') return reply.send()
  return reply.send(fs.createReadStream(file))
}
