// rpc/rows-to-json.ts — raw text rows (with their type OIDs) → JSON-ready objects, with the REST API's conventions:
// numbers for int8/numeric, parsed json/jsonb, RFC 3339 timestamps, dates as `YYYY-MM-DD`.
import pg from 'pg'
import type { PipelineResult } from '../postgres/with-identity.js'

const DATE = 1082
const TIMESTAMP = 1114
const TIMESTAMPTZ = 1184

function timestamp(text: string, tz: boolean): string {
  const iso = text.replace(' ', 'T')
  // `+00` / `-05:30` → `+00:00` / `-05:30`, as to_json renders them.
  return tz ? iso.replace(/([+-]\d\d)$/, '$1:00') : iso
}

export function rowsToJson(result: PipelineResult, limit = Infinity): Array<Record<string, unknown>> {
  const parsers = result.types.map((oid) => {
    if (oid === DATE) return (v: string) => v
    if (oid === TIMESTAMP) return (v: string) => timestamp(v, false)
    if (oid === TIMESTAMPTZ) return (v: string) => timestamp(v, true)
    return pg.types.getTypeParser(oid, 'text') as (v: string) => unknown
  })
  const out: Array<Record<string, unknown>> = []
  for (const row of result.rows) {
    if (out.length >= limit) break
    const obj: Record<string, unknown> = {}
    result.fields.forEach((name, i) => {
      const v = row[i]
      obj[name] = v === null ? null : parsers[i](v)
    })
    out.push(obj)
  }
  return out
}
