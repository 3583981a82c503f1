// renderer/src/store/identity-slice.ts — who the studio acts as (the RLS simulator's identity). service_role by
// default; otherwise a real access token (an impersonation token, or one minted for custom claims) that every
// table read, write, console statement and export sends, so the studio sees exactly what that user's app gets.
import type { SliceCreator } from './studio-state'

export type IdentityKind = 'service_role' | 'anon' | 'user' | 'custom'

export interface StudioIdentity {
  kind: IdentityKind
  /** What the user reads: "service_role", "anon", "alice@acme.test", or a saved name ("alice — editor"). */
  label: string
  /** null = service_role through the service-role key. */
  accessToken: string | null
  userId?: string
  claims?: Record<string, unknown>
}

export const SERVICE_ROLE_IDENTITY: StudioIdentity = { kind: 'service_role', label: 'service_role', accessToken: null }

export interface IdentitySlice {
  identity: StudioIdentity
  savedIdentities: StudioIdentity[]
  setIdentity(identity: StudioIdentity): void
  saveIdentity(identity: StudioIdentity): void
  forgetIdentity(label: string): void
}

const SAVED_KEY = 'fluxbase-studio.saved-identities'

function loadSaved(): StudioIdentity[] {
  try {
    return (JSON.parse(localStorage.getItem(SAVED_KEY) ?? '[]') as StudioIdentity[]).filter((i) => i && typeof i.label === 'string')
  } catch {
    return []
  }
}

function persist(list: StudioIdentity[]): void {
  try {
    localStorage.setItem(SAVED_KEY, JSON.stringify(list))
  } catch {
    // Not remembered, still usable.
  }
}

export const createIdentitySlice: SliceCreator<IdentitySlice> = (set, get) => ({
  identity: SERVICE_ROLE_IDENTITY,
  savedIdentities: loadSaved(),
  setIdentity(identity) {
    set({ identity })
  },
  saveIdentity(identity) {
    const list = [...get().savedIdentities.filter((i) => i.label !== identity.label), identity]
    persist(list)
    set({ savedIdentities: list })
  },
  forgetIdentity(label) {
    const list = get().savedIdentities.filter((i) => i.label !== label)
    persist(list)
    set({ savedIdentities: list })
  },
})
