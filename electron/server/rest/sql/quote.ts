// rest/sql/quote.ts — THE quoting helper: the only way a name reaches SQL text. Every name passed here was first
// found in the schema cache by the planner (or is an output alias, which quoting alone makes inert).
import { ApiError } from '../../errors.js'
import type { CastType } from '../plan/plan-types.js'

export function ident(name: string): string {
  if (name.includes('\u0000')) throw new ApiError(400, 'PGRST100', 'names cannot contain NUL characters')
  return `"${name.replace(/"/g, '""')}"`
}

export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`
}

export function castTo(type: CastType): string {
  return `${qualified(type.schema, type.name)}${type.array ? '[]' : ''}`
}
