// features/rls/example/use-guide-example.ts — loading the guide's example project in one click: the runtime
// creates its schemas and rows, then the guide's users become saved identities (custom claims: role authenticated,
// sub = the example's user id, which the guide's policies read as app.user_id), and guide_own.posts opens.
import { loadGuideExample } from '../../../api/rls-api'
import { studioStore } from '../../../store'
import type { StudioIdentity } from '../../../store/identity-slice'
import { actAs, claimsIdentity } from '../identity/identity-actions'
import { GUIDE_USERS, guideClaims, type GuideUser } from './guide-example'

export async function loadGuideProject(): Promise<string[]> {
  const { schemas } = await loadGuideExample()
  const state = studioStore.getState()
  const identities = await Promise.all(GUIDE_USERS.map((u) => claimsIdentity(guideClaims(u), u.name)))
  for (const i of identities) state.saveIdentity(i)
  state.setRlsCompareLabels([...new Set([...state.rlsCompareLabels, 'alice', 'bob'])])
  state.openRlsTable({ schema: 'guide_own', table: 'posts' }, 'explain')
  return schemas
}

/** Act as a guide user: their saved identity if there is one, else a fresh one. */
export async function actAsGuideUser(user: GuideUser): Promise<StudioIdentity> {
  const saved = studioStore.getState().savedIdentities.find((s) => s.label === user.name)
  return actAs(saved ?? (await claimsIdentity(guideClaims(user), user.name)))
}
