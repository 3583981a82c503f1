// auth/routes/body.ts — request bodies through zod: a bad body is a 400 that names the field, never a 500.
import { z } from 'zod'
import { ApiError } from '../../errors.js'

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
  throw new ApiError(400, 'VALIDATION_ERROR', `invalid request: ${where}${issue.message}`)
}

/** A JSON object (metadata); arrays and scalars are refused. */
export const jsonObject = z.record(z.string(), z.unknown())

export function parseQueryInt(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new ApiError(400, 'VALIDATION_ERROR', `${name} must be an integer from ${min} to ${max}`)
  return n
}
