// features/sql/console-owner.ts — who the console's statements run as, read from the store: the prompt's owner
// (the database for the superuser, else the identity's label), a key to notice a change, and words for the banner.
import { studioStore } from '../../store'
import type { StudioIdentity } from '../../store/identity-slice'
import { databaseName, type PromptOwner } from './prompt'

export function consoleOwner(): PromptOwner {
  const { identity, status } = studioStore.getState()
  if (!identity.accessToken) return { name: databaseName(status?.databaseUrl), superuser: true }
  return { name: identity.label, superuser: false }
}

export function ownerKey(owner: PromptOwner): string {
  return `${owner.superuser}:${owner.name}`
}

export function ownerWords(): string {
  const { identity } = studioStore.getState()
  return identity.accessToken ? `as ${identity.label} (RLS applies)` : 'as the superuser'
}

/**
 * How much an identity may do, to tell a change to a more powerful one (which the console must not let pass
 * quietly): the superuser (service_role in the console) above a service_role token, above a signed-in user,
 * above anon.
 */
export function identityPower(identity: StudioIdentity): number {
  if (!identity.accessToken) return 3
  const role = typeof identity.claims?.role === 'string' ? identity.claims.role : identity.kind === 'anon' ? 'anon' : 'authenticated'
  if (role === 'service_role') return 2
  return role === 'anon' ? 0 : 1
}
