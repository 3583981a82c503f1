// features/rls/identity/identity-describe.ts — how an identity is described on screen: its kind in words, the
// database role it runs as, and the user id policies will see. Pure.
import type { StudioIdentity } from '../../../store/identity-slice'

export function kindText(identity: StudioIdentity): string {
  switch (identity.kind) {
    case 'service_role':
      return 'service_role · bypasses RLS'
    case 'anon':
      return 'not signed in'
    case 'user':
      return 'user from auth.users'
    case 'custom':
      return 'custom claims'
  }
}

/** The app role the token carries (what app.role and auth.role() return). */
export function roleOf(identity: StudioIdentity): string {
  if (identity.kind === 'service_role') return 'service_role'
  const role = identity.claims?.role
  return typeof role === 'string' && role ? role : identity.kind === 'anon' ? 'anon' : 'authenticated'
}

export function subOf(identity: StudioIdentity): string | null {
  const sub = identity.userId ?? identity.claims?.sub
  return typeof sub === 'string' && sub ? sub : null
}
