// features/rls/compare/use-matrix.ts — the comparison matrix for a table and the chosen identities, with the
// what-if (if any) tried first; and, while a what-if is tried, the same matrix without it, to show the change.
import { compareIdentities } from '../../../api/rls-api'
import type { StudioIdentity } from '../../../store/identity-slice'
import type { RlsTableRef } from '../../../store/rls-slice'
import { useRequest } from '../common/use-request'
import { identityRefs } from './use-candidates'

export function useMatrix(table: RlsTableRef | null, identities: StudioIdentity[], sampleRow: Record<string, unknown> | null, whatIf: string | null, run: number) {
  const base = table && identities.length ? JSON.stringify([table.schema, table.table, identities.map((i) => i.label), sampleRow, run]) : null
  const call = (withWhatIf: string | null) => async (signal: AbortSignal) =>
    compareIdentities(
      { schema: table!.schema, table: table!.table, identities: await identityRefs(identities), ...(sampleRow ? { sampleRow } : {}), ...(withWhatIf ? { whatIf: [withWhatIf] } : {}) },
      signal,
    )
  const now = useRequest(base && JSON.stringify([base, whatIf]), call(whatIf))
  const before = useRequest(base && whatIf ? base : null, call(null))
  return { now, before: whatIf ? before : null }
}
