// project/types/export-options.ts — a request to GET|POST /api/v1/admin/schema/typescript → generator options, with
// upstream's defaults (contract part 2, §7): a GET, an empty or unparseable body turns both include flags on; an
// explicit POST body leaves them off unless it sets them; `schemas` defaults to ["public"]; `format` is ignored.
// A body that parses but carries wrong types is a 400 naming the field. Pure.
import { ApiError } from '../../errors.js'
import type { GenerateOptions } from './types-catalog.js'

const DEFAULTS: GenerateOptions = { schemas: ['public'], includeFunctions: true, includeViews: true }

function schemasFrom(value: unknown, where: string): string[] {
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value
  if (!Array.isArray(list) || !list.length || list.some((s) => typeof s !== 'string' || !s || s.length > 63)) {
    throw new ApiError(400, 'VALIDATION_ERROR', `${where} must be a non-empty list of schema names, e.g. ["public"]`)
  }
  return [...new Set(list as string[])]
}

function flag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === 'false') return value === 'true'
  throw new ApiError(400, 'VALIDATION_ERROR', `"${name}" must be true or false, not ${JSON.stringify(value)?.slice(0, 40)}`)
}

/** `body`: the parsed JSON body, or undefined when there was none or it did not parse. */
export function exportOptions(method: string, body: unknown, query: Record<string, unknown>): GenerateOptions {
  if (method === 'GET') {
    return {
      schemas: query.schemas === undefined ? DEFAULTS.schemas : schemasFrom(query.schemas, '"schemas"'),
      includeFunctions: flag(query.include_functions, 'include_functions', true),
      includeViews: flag(query.include_views, 'include_views', true),
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ...DEFAULTS }
  const b = body as Record<string, unknown>
  return {
    schemas: b.schemas === undefined || b.schemas === null ? DEFAULTS.schemas : schemasFrom(b.schemas, '"schemas"'),
    includeFunctions: flag(b.include_functions, 'include_functions', false),
    includeViews: flag(b.include_views, 'include_views', false),
  }
}
