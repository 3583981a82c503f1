// studio/sql-console/console-types.ts — how the console's rows are decoded: like psql, PostgreSQL's own text for
// every type (timestamps, intervals, numerics, arrays, geometry…), except the few JSON can carry exactly and the
// terminal formats itself (booleans, small integers, floats, json/jsonb).
import pg from 'pg'

const PARSED = new Set([
  16, // bool
  21, // int2
  23, // int4
  26, // oid
  700, // float4
  701, // float8
  114, // json
  3802, // jsonb
])

const asText = (value: string) => value

export const CONSOLE_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return PARSED.has(oid) ? pg.types.getTypeParser(oid, format ?? 'text') : asText
  },
}
