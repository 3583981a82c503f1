// features/rls/explain/use-explain.ts — the explain request for the simulator's table, command and page, as the
// active identity, with the what-if (if any) tried first; reruns when any of those change.
import { explainTable } from '../../../api/rls-api'
import { useStudioStore } from '../../../store'
import type { ExplainCommand } from '../../../../../contract/rls-simulator'
import type { RlsTableRef } from '../../../store/rls-slice'
import { useRequest } from '../common/use-request'

export const PAGE_SIZE = 100

export function useExplain(table: RlsTableRef | null, command: ExplainCommand, offset: number, whatIf: string | null) {
  const token = useStudioStore((s) => s.identity.accessToken)
  const revision = useStudioStore((s) => s.rlsRevision)
  const key = table ? JSON.stringify([table.schema, table.table, command, offset, whatIf, token, revision]) : null
  return useRequest(key, (signal) =>
    explainTable({ schema: table!.schema, table: table!.table, command, offset, limit: PAGE_SIZE, ...(whatIf ? { whatIf: [whatIf] } : {}) }, signal),
  )
}

export function rowKey(key: Record<string, unknown>): string {
  return JSON.stringify(key)
}
