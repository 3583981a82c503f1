// renderer/src/store/identity-slice.ts — who the studio acts as (the RLS simulator's identity). service_role by
// default; otherwise a real access token (an impersonation token, or one minted for custom claims) that every
// table read, write, console statement and export sends, so the studio sees exactly what that user's app gets.
// The identity is remembered per data directory (a reload keeps it; another runtime's tokens are never reused):
// restored at once from the last data directory seen, then checked against the runtime's answer (restore-identity.ts).
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
const ACTIVE_KEY = 'fluxbase-studio.identity-by-data-dir'

interface ActiveIdentities {
  /** The data directory of the runtime the studio talked to last. */
  last?: string
  byDataDir: Record<string, StudioIdentity>
}

function loadActive(): ActiveIdentities {
  try {
    const parsed = JSON.parse(localStorage.getItem(ACTIVE_KEY) ?? 'null') as ActiveIdentities | null
    if (parsed && typeof parsed.byDataDir === 'object' && parsed.byDataDir) return parsed
  } catch {
    // A broken value: start as service_role.
  }
  return { byDataDir: {} }
}

/** The identity last used with `dataDir` (service_role when none). */
export function rememberedIdentity(dataDir: string | undefined): StudioIdentity {
  const saved = dataDir === undefined ? undefined : loadActive().byDataDir[dataDir]
  return saved && typeof saved.label === 'string' && typeof saved.kind === 'string' ? saved : SERVICE_ROLE_IDENTITY
}

/** Remembers `identity` as the one in use with `dataDir` (and that directory as the last one used). */
export function rememberIdentity(dataDir: string, identity: StudioIdentity): void {
  const active = loadActive()
  active.last = dataDir
  active.byDataDir[dataDir] = identity
  try {
    localStorage.setItem(ACTIVE_KEY, JSON.stringify(active))
  } catch {
    // Not remembered across reloads, still in use.
  }
}

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
  identity: rememberedIdentity(loadActive().last),
  savedIdentities: loadSaved(),
  setIdentity(identity) {
    set({ identity })
    const dataDir = get().status?.dataDir
    if (dataDir) rememberIdentity(dataDir, identity)
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
