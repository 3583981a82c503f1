// renderer/src/api/sql-api.ts — the SQL console's calls: run statements (as the active identity, or the superuser
// when none is set), cancel a running one on the server, the history kept across restarts, and the help list.
import type { SqlHelpCommand, SqlHistoryEntry, SqlRunResponse } from '../../../contract/studio-sql'
import { studioCall } from './studio-api'

export function runSql(sql: string, queryId: string): Promise<SqlRunResponse> {
  return studioCall<SqlRunResponse>('/studio/api/sql', { body: { sql, queryId } })
}

export async function cancelSql(queryId: string): Promise<boolean> {
  const res = await studioCall<{ cancelled: boolean }>('/studio/api/sql/cancel', { body: { queryId }, asIdentity: false })
  return res.cancelled
}

export async function sqlHistory(limit = 500): Promise<SqlHistoryEntry[]> {
  const res = await studioCall<{ entries: SqlHistoryEntry[] }>(`/studio/api/sql/history?limit=${limit}`, { asIdentity: false })
  return res.entries
}

export async function sqlHelp(): Promise<SqlHelpCommand[]> {
  const res = await studioCall<{ commands: SqlHelpCommand[] }>('/studio/api/sql/help', { asIdentity: false })
  return res.commands
}
