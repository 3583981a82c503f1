// features/rls/rls-commands.ts — the simulator's entries in the command palette (run with the RLS view already
// open): switch identity, jump to a tab.
import { studioStore } from '../../store'
import { SERVICE_ROLE_IDENTITY } from '../../store/identity-slice'
import { anonIdentity } from './identity/identity-actions'

const tab = (t: Parameters<ReturnType<typeof studioStore.getState>['setRlsTab']>[0]) => () => studioStore.getState().setRlsTab(t)

/** anon's token is the runtime's anon key; before the first status arrives, the picker says why it cannot. */
function actAsAnon(): void {
  const state = studioStore.getState()
  if (state.status) state.setIdentity(anonIdentity())
  else state.setIdentityPickerOpen(true)
}

export const RLS_COMMANDS = [
  { id: 'rls:identity', label: 'Act as… (choose the identity)', run: () => studioStore.getState().setIdentityPickerOpen(true) },
  { id: 'rls:service', label: 'Act as service_role', run: () => studioStore.getState().setIdentity(SERVICE_ROLE_IDENTITY) },
  { id: 'rls:anon', label: 'Act as anon', run: actAsAnon },
  { id: 'rls:explain', label: 'RLS: explain a table', run: tab('explain') },
  { id: 'rls:dry-run', label: 'RLS: dry-run a write', run: tab('dry-run') },
  { id: 'rls:compare', label: 'RLS: compare identities', run: tab('compare') },
  { id: 'rls:policies', label: 'RLS: edit a policy (what-if)', run: tab('policies') },
  { id: 'rls:advisor', label: 'RLS: advisor', run: tab('advisor') },
]
