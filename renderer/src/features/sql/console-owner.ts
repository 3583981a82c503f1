// features/sql/console-owner.ts — who the console's statements run as, read from the store: the prompt's owner
// (the database for the superuser, else the identity's label), a key to notice a change, and words for the banner.
import { studioStore } from '../../store'
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
