// http/parse-body.ts — validates a request body with zod; a mismatch is a 400 naming each field at fault.
import type { z } from 'zod'
import { ApiError } from '../errors.js'

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body)
  if (!r.success) throw new ApiError(400, 'INVALID_BODY', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '))
  return r.data
}
