// studio/sql-console/running-queries.ts — which backend runs which console query, so Ctrl+C can cancel it on the
// server (pg_cancel_backend), not merely stop waiting for it.
import type { Pool } from 'pg'

export interface RunningQueries {
  add(queryId: string, pid: number): void
  remove(queryId: string): void
  cancel(admin: Pool, queryId: string): Promise<boolean>
}

export function createRunningQueries(): RunningQueries {
  const byId = new Map<string, number>()
  return {
    add: (id, pid) => void byId.set(id, pid),
    remove: (id) => void byId.delete(id),
    async cancel(admin, id) {
      const pid = byId.get(id)
      if (!pid) return false
      const { rows } = await admin.query<{ ok: boolean }>('SELECT pg_cancel_backend($1) AS ok', [pid])
      return rows[0].ok
    },
  }
}
