// renderer/src/store/rls-slice.ts — the `rls` slice: what the RLS simulator is looking at (table, tab, command,
// whether hidden rows show), the policy change being tried without committing (the what-if, sent with every
// explain, dry run and comparison and rolled back by the server), the identities picked for comparison, and a
// write handed from the explain grid to the dry-run form.
import type { ExplainCommand, WriteCommand } from '../../../contract/rls-simulator'
import type { StudioIdentity } from './identity-slice'
import type { SliceCreator } from './studio-state'

export type RlsTab = 'explain' | 'dry-run' | 'compare' | 'policies' | 'advisor'

export interface RlsTableRef {
  schema: string
  table: string
}

export interface DryRunDraft {
  command: WriteCommand
  values?: string
  match?: string
}

export interface RlsSlice {
  rlsTable: RlsTableRef | null
  rlsTab: RlsTab
  rlsCommand: ExplainCommand
  rlsShowHidden: boolean
  /** SQL being tried (CREATE/ALTER/DROP POLICY…): applied before every simulation, then rolled back. */
  rlsWhatIf: string | null
  /** Labels of the identities in the comparison (service_role, anon, saved or added ones). */
  rlsCompareLabels: string[]
  /** Users added to the comparison from auth.users without saving them. */
  rlsCompareExtras: StudioIdentity[]
  rlsDryRunDraft: DryRunDraft | null
  /** The status bar's identity popover is open (other views open it too, e.g. "Change identity…"). */
  identityPickerOpen: boolean
  /** The policy editor's text (not tried until "Try it"). */
  rlsPolicyDraft: string
  /** Bumped whenever the simulator commits something (apply, example reload): cached views refetch. */
  rlsRevision: number
  openRlsTable(table: RlsTableRef | null, tab?: RlsTab): void
  setRlsTab(tab: RlsTab): void
  setRlsCommand(command: ExplainCommand): void
  setRlsShowHidden(show: boolean): void
  setRlsWhatIf(sql: string | null): void
  setRlsCompareLabels(labels: string[]): void
  addRlsCompareExtra(identity: StudioIdentity): void
  draftDryRun(draft: DryRunDraft | null): void
  setIdentityPickerOpen(open: boolean): void
  /** Puts SQL in the policy editor and shows it. */
  editPolicyDraft(sql: string): void
  bumpRlsRevision(): void
}

export const createRlsSlice: SliceCreator<RlsSlice> = (set, get) => ({
  rlsTable: null,
  rlsTab: 'explain',
  rlsCommand: 'SELECT',
  rlsShowHidden: false,
  rlsWhatIf: null,
  rlsCompareLabels: ['service_role', 'anon'],
  rlsCompareExtras: [],
  rlsDryRunDraft: null,
  identityPickerOpen: false,
  rlsPolicyDraft: '',
  rlsRevision: 0,
  openRlsTable(table, tab) {
    const same = table && get().rlsTable && table.schema === get().rlsTable?.schema && table.table === get().rlsTable?.table
    set({ rlsTable: table, ...(tab ? { rlsTab: tab } : {}), ...(same ? {} : { rlsDryRunDraft: null }) })
  },
  setRlsTab(tab) {
    set({ rlsTab: tab })
  },
  setRlsCommand(command) {
    set({ rlsCommand: command })
  },
  setRlsShowHidden(show) {
    set({ rlsShowHidden: show })
  },
  setRlsWhatIf(sql) {
    set({ rlsWhatIf: sql && sql.trim() ? sql : null })
  },
  setRlsCompareLabels(labels) {
    set({ rlsCompareLabels: labels })
  },
  addRlsCompareExtra(identity) {
    const extras = [...get().rlsCompareExtras.filter((i) => i.label !== identity.label), identity]
    set({ rlsCompareExtras: extras, rlsCompareLabels: [...new Set([...get().rlsCompareLabels, identity.label])] })
  },
  draftDryRun(draft) {
    set({ rlsDryRunDraft: draft, ...(draft ? { rlsTab: 'dry-run' as const } : {}) })
  },
  setIdentityPickerOpen(open) {
    set({ identityPickerOpen: open })
  },
  editPolicyDraft(sql) {
    set({ rlsPolicyDraft: sql, rlsTab: 'policies' })
  },
  bumpRlsRevision() {
    set({ rlsRevision: get().rlsRevision + 1 })
  },
})
