// realtime/pg-text-values.ts — a column's text output (as pgoutput sends it) → the JSON value to_jsonb() would give,
// so realtime rows look like upstream's trigger payloads. Pure; the decoder calls it for every column it reads.

const BOOL = 16
const INT2 = 21
const INT4 = 23
const INT8 = 20
const OID = 26
const FLOAT4 = 700
const FLOAT8 = 701
const NUMERIC = 1700
const JSON_OID = 114
const JSONB = 3802
const DATE = 1082
const TIMESTAMP = 1114
const TIMESTAMPTZ = 1184
const TIMETZ = 1266

/** Array type oid → element type oid, for the built-in arrays worth converting element-wise. */
const ARRAY_ELEMENT: Record<number, number> = {
  1000: BOOL, 1005: INT2, 1007: INT4, 1016: INT8, 1028: OID, 1021: FLOAT4, 1022: FLOAT8, 1231: NUMERIC,
  199: JSON_OID, 3807: JSONB, 1182: DATE, 1115: TIMESTAMP, 1185: TIMESTAMPTZ, 1270: TIMETZ,
  // Text-like arrays: elements stay strings.
  1009: 25, 1015: 1043, 1014: 1042, 2951: 2950, 1041: 869, 1040: 829, 1183: 1083, 1187: 1186, 1001: 17, 1002: 18, 1003: 19,
}

export interface ColumnType {
  typeOid: number
  /** From pgoutput's Type message, for types outside pg_catalog (enums, domains, their arrays). */
  typeName?: string
}

export function isArrayType(type: ColumnType): boolean {
  return type.typeOid in ARRAY_ELEMENT || (type.typeName?.startsWith('_') ?? false)
}

function numberOrText(text: string, integer: boolean): number | string {
  const n = Number(text)
  if (!Number.isFinite(n)) return text // NaN, Infinity: to_jsonb gives strings too
  // Beyond 2^53 a JS number would silently change the value: keep the exact digits instead.
  if (integer) return Number.isSafeInteger(n) ? n : text
  const digits = text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '')
  return digits.length <= 15 ? n : text
}

/** "2024-01-02 03:04:05.123456+00" → "2024-01-02T03:04:05.123456+00:00", as to_jsonb writes timestamps. */
function isoTimestamp(text: string): string {
  if (!/^\d{4,}-\d\d-\d\d \d/.test(text)) return text // infinity, BC dates
  return text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')
}

export function scalarFromText(text: string, typeOid: number): unknown {
  switch (typeOid) {
    case BOOL:
      return text === 't'
    case INT2:
    case INT4:
    case OID:
      return Number(text)
    case INT8:
      return numberOrText(text, true)
    case FLOAT4:
    case FLOAT8:
    case NUMERIC:
      return numberOrText(text, false)
    case JSON_OID:
    case JSONB:
      return JSON.parse(text)
    case TIMESTAMP:
    case TIMESTAMPTZ:
      return isoTimestamp(text)
    case TIMETZ:
      return text.replace(/([+-]\d\d)$/, '$1:00')
    default:
      return text
  }
}

/** Parses an array literal ("{1,2,NULL}", "{{a,b},{c,d}}", '{"x,y"}') into nested JS arrays of strings/null. */
export function parseArrayLiteral(text: string): unknown[] {
  let i = 0
  // Optional dimension decoration: "[1:2]={...}"
  if (text[0] === '[') i = text.indexOf('=') + 1
  function parseLevel(): unknown[] {
    const out: unknown[] = []
    i++ // '{'
    if (text[i] === '}') {
      i++
      return out
    }
    for (;;) {
      if (text[i] === '{') out.push(parseLevel())
      else if (text[i] === '"') {
        let s = ''
        i++
        while (text[i] !== '"') {
          if (text[i] === '\\') i++
          s += text[i++]
        }
        i++
        out.push(s)
      } else {
        let j = i
        while (text[j] !== ',' && text[j] !== '}') j++
        const raw = text.slice(i, j).trim()
        out.push(raw === 'NULL' ? null : raw)
        i = j
      }
      if (text[i] === ',') i++
      else {
        i++ // '}'
        return out
      }
    }
  }
  return parseLevel()
}

function mapDeep(values: unknown[], fn: (s: string) => unknown): unknown[] {
  return values.map((v) => (Array.isArray(v) ? mapDeep(v, fn) : v === null ? null : fn(v as string)))
}

export function valueFromText(text: string, type: ColumnType): unknown {
  const element = ARRAY_ELEMENT[type.typeOid]
  if (element !== undefined) return mapDeep(parseArrayLiteral(text), (s) => scalarFromText(s, element))
  if (type.typeName?.startsWith('_')) return parseArrayLiteral(text)
  return scalarFromText(text, type.typeOid)
}
