// project/types/function-signatures.ts — what `rpc(name, args)` takes and returns, for PostgreSQL functions and for
// the named procedures of the RPC registry. Pure. Functions: IN/INOUT/VARIADIC arguments (optional when defaulted);
// the return type, rows of the OUT/TABLE columns when there are any, an array when set-returning. Procedures: their
// annotated input schema (`"limit?": "integer"` is optional) and rows of their output schema.
import { arrayOf, type TsTypeMapper } from './ts-type-of.js'
import type { CatalogFunction, CatalogProcedure } from './types-catalog.js'
import type { Field } from './relation-fields.js'
import { propertyKey } from './ts-names.js'

export interface Signature {
  args: Field[]
  returns: string
}

/** undefined: an input argument has no name, so the function cannot be called with named arguments. */
export function functionSignature(fn: CatalogFunction, types: TsTypeMapper): Signature | undefined {
  if (fn.args.some((a) => !a.name)) return undefined
  const args = fn.args.map((a) => ({ name: a.name, type: types.of(a.typeOid), optional: a.hasDefault }))
  let one: string
  if (fn.outColumns.length) {
    // Columns of a function's result rows can always be null (nothing in the catalog says otherwise).
    one = objectType(fn.outColumns.map((c, i) => ({ name: c.name || `column${i + 1}`, type: `${types.of(c.typeOid)} | null`, optional: false })))
  } else {
    one = types.of(fn.returnTypeOid)
  }
  return { args, returns: fn.returnsSet ? arrayOf(one) : one }
}

/** The type words the registry's input/output schemas use (rpc/validate-input.ts accepts the same words). */
function procedureWordType(word: string): string {
  switch (word.toLowerCase()) {
    case 'uuid': case 'string': case 'text': case 'varchar': case 'timestamp': case 'timestamptz': case 'datetime': case 'date': case 'time':
      return 'string'
    case 'number': case 'float': case 'double': case 'decimal': case 'numeric': case 'int': case 'integer': case 'bigint': case 'int4': case 'int8':
      return 'number'
    case 'boolean': case 'bool':
      return 'boolean'
    case 'json': case 'jsonb': case 'any':
      return 'Json'
    case 'object':
      return '{ [key: string]: Json | undefined }'
    case 'array':
      return 'Json[]'
    default:
      return 'unknown'
  }
}

function schemaFields(schema: Record<string, string>): Field[] {
  return Object.entries(schema).map(([key, word]) => ({ name: key.replace(/\?$/, ''), type: procedureWordType(word), optional: key.endsWith('?') }))
}

/** A procedure answers with rows (at most 1000): typed by its output schema when it declares one. */
export function procedureSignature(proc: CatalogProcedure): Signature {
  const row = proc.outputSchema && Object.keys(proc.outputSchema).length ? objectType(schemaFields(proc.outputSchema)) : '{ [key: string]: unknown }'
  return { args: proc.inputSchema ? schemaFields(proc.inputSchema) : [], returns: arrayOf(row) }
}

/** `{ a: number; b?: string }` on one line (inside unions and arrays). */
export function objectType(fields: Field[]): string {
  if (!fields.length) return 'Record<string, never>'
  return `{ ${fields.map((f) => `${propertyKey(f.name)}${f.optional ? '?' : ''}: ${f.type}`).join('; ')} }`
}
