// storage/transform-params.ts — image transform parameters as the SDK sends them: getTransformUrl() puts w, h, fmt, q
// and fit in the query string; createSignedUrl({ transform }) puts width, height, format, quality and fit in the JSON
// body (and so in the signed token). Pure: raw values → checked parameters, or a 400 naming the one that is wrong.
import { ApiError } from '../errors.js'

/** The largest output side: a hostile w=100000 must not allocate gigabytes. */
export const MAX_TRANSFORM_DIMENSION = 4096
export const TRANSFORM_FORMATS = ['webp', 'jpeg', 'png', 'avif', 'gif'] as const
export const TRANSFORM_FITS = ['cover', 'contain', 'fill', 'inside', 'outside'] as const

export type TransformFormat = (typeof TRANSFORM_FORMATS)[number]

export interface TransformParams {
  width?: number
  height?: number
  format?: TransformFormat
  quality?: number
  fit?: (typeof TRANSFORM_FITS)[number]
}

function int(value: unknown, name: string, max: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const n = typeof value === 'number' ? value : Number(value)
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ApiError(400, 'INVALID_TRANSFORM', `${name} must be a whole number from 1 to ${max}`)
  return n
}

/** Reads either spelling (w / width, …); undefined when no transform was asked for. */
export function parseTransform(raw: Record<string, unknown> | undefined): TransformParams | undefined {
  if (!raw) return undefined
  const pick = (short: string, long: string) => raw[short] ?? raw[long]
  const params: TransformParams = {
    width: int(pick('w', 'width'), 'width (w)', MAX_TRANSFORM_DIMENSION),
    height: int(pick('h', 'height'), 'height (h)', MAX_TRANSFORM_DIMENSION),
    quality: int(pick('q', 'quality'), 'quality (q)', 100),
  }
  const format = pick('fmt', 'format')
  if (format !== undefined && format !== '') {
    const f = String(format).toLowerCase() === 'jpg' ? 'jpeg' : String(format).toLowerCase()
    if (!(TRANSFORM_FORMATS as readonly string[]).includes(f)) throw new ApiError(400, 'INVALID_TRANSFORM', `format (fmt) must be one of ${TRANSFORM_FORMATS.join(', ')} (or jpg), not "${String(format).slice(0, 20)}"`)
    params.format = f as TransformFormat
  }
  const fit = raw.fit
  if (fit !== undefined && fit !== '') {
    if (!(TRANSFORM_FITS as readonly string[]).includes(String(fit))) throw new ApiError(400, 'INVALID_TRANSFORM', `fit must be one of ${TRANSFORM_FITS.join(', ')}, not "${String(fit).slice(0, 20)}"`)
    params.fit = fit as TransformParams['fit']
  }
  const asked = Object.values(params).some((v) => v !== undefined)
  return asked ? params : undefined
}

/** A stable spelling of the parameters: the cache key and what a signed token carries. */
export function canonicalTransform(p: TransformParams): string {
  return ['width', 'height', 'format', 'quality', 'fit'].map((k) => `${k}=${p[k as keyof TransformParams] ?? ''}`).join('&')
}
