// rpc/validate-input.ts — checks a call's params against the procedure's input schema (`{"id":"uuid",
// "limit?":"integer"}`): required fields present, no unknown fields, values of the declared type. Pure.
import { ApiError } from '../errors.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function matches(type: string, v: unknown): boolean {
  if (v === null) return true
  switch (type.toLowerCase()) {
    case 'uuid': return typeof v === 'string' && UUID.test(v)
    case 'string': case 'text': case 'varchar': return typeof v === 'string'
    case 'number': case 'float': case 'double': case 'decimal': case 'numeric': return typeof v === 'number' && Number.isFinite(v)
    case 'int': case 'integer': case 'bigint': case 'int4': case 'int8': return typeof v === 'number' && Number.isInteger(v)
    case 'boolean': case 'bool': return typeof v === 'boolean'
    case 'timestamp': case 'timestamptz': case 'datetime': case 'date': case 'time': return typeof v === 'string' && !Number.isNaN(Date.parse(type === 'time' ? `1970-01-01T${v}` : v))
    case 'json': case 'jsonb': case 'any': return true
    case 'object': return typeof v === 'object' && !Array.isArray(v)
    case 'array': return Array.isArray(v)
    default: return true
  }
}

export function validateInput(params: Record<string, unknown>, schema: Record<string, string> | undefined, reserved: string[] = []): void {
  if (!schema) return
  const fields = new Map(Object.entries(schema).map(([k, type]) => [k.replace(/\?$/, ''), { type, optional: k.endsWith('?') }]))
  for (const [name, f] of fields) {
    if (!(name in params) && !f.optional) throw new ApiError(400, 'VALIDATION_ERROR', `missing required parameter "${name}" (${f.type})`)
    if (name in params && !matches(f.type, params[name])) {
      throw new ApiError(400, 'VALIDATION_ERROR', `parameter "${name}" must be of type ${f.type}, got ${JSON.stringify(params[name])?.slice(0, 60)}`)
    }
  }
  for (const name of Object.keys(params)) {
    if (!fields.has(name) && !reserved.includes(name)) throw new ApiError(400, 'VALIDATION_ERROR', `unknown parameter "${name}": the procedure accepts ${[...fields.keys()].join(', ') || 'no parameters'}`)
  }
}
