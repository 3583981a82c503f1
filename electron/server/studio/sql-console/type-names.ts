// studio/sql-console/type-names.ts — result column type OIDs → readable names (format_type), cached per pool.
import type { Pool } from 'pg'

const caches = new WeakMap<Pool, Map<number, string>>()

export async function typeNames(pool: Pool, oids: number[]): Promise<Map<number, string>> {
  let cache = caches.get(pool)
  if (!cache) caches.set(pool, (cache = new Map()))
  const missing = [...new Set(oids)].filter((o) => !cache!.has(o))
  if (missing.length) {
    const { rows } = await pool.query<{ oid: number; name: string }>('SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_type WHERE oid = ANY($1::oid[])', [missing])
    for (const r of rows) cache.set(r.oid, r.name)
  }
  return cache
}
