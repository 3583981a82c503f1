// features/rls/example/guide-example.ts — what the guide's example project (resources/examples/guide-rls.sql)
// contains, for the simulator's example card: its users (the guide's policies read app.user_id, which the
// runtime sets from the token's sub) and one table per pattern, each with a sentence saying what it shows.

export interface GuideUser {
  name: string
  id: string
  about: string
}

export const GUIDE_USERS: GuideUser[] = [
  { name: 'alice', id: 'a1000000-0000-4000-8000-000000000001', about: 'Acme admin, manages bob' },
  { name: 'bob', id: 'b0000000-0000-4000-8000-000000000002', about: 'Acme editor, manages erin' },
  { name: 'carol', id: 'c0000000-0000-4000-8000-000000000003', about: 'Globex viewer' },
  { name: 'dave', id: 'd0000000-0000-4000-8000-000000000004', about: 'no organization: a stranger' },
  { name: 'erin', id: 'e0000000-0000-4000-8000-000000000005', about: 'Acme viewer, reports to bob' },
]

export interface GuidePattern {
  schema: string
  table: string
  title: string
  about: string
}

export const GUIDE_PATTERNS: GuidePattern[] = [
  { schema: 'guide_own', table: 'posts', title: 'Own rows', about: 'each user reads and writes only their posts' },
  { schema: 'guide_org', table: 'posts', title: 'Organization', about: 'a subquery finds the user’s organization' },
  { schema: 'guide_roles', table: 'posts', title: 'Role-based', about: 'admins see all, editors update their own' },
  { schema: 'guide_team', table: 'posts', title: 'Hierarchical', about: 'managers see their reports, recursively' },
  { schema: 'guide_time', table: 'posts', title: 'Time-based', about: 'published, past the embargo, and yours' },
  { schema: 'guide_shared', table: 'documents', title: 'Shared documents', about: 'owners, plus users a document is shared with' },
  { schema: 'guide_soft_delete', table: 'posts', title: 'Soft delete', about: 'a trigger turns DELETE into an update' },
  { schema: 'guide_definer', table: 'posts', title: 'SECURITY DEFINER', about: 'a function checks an ACL the caller cannot read' },
]

/** The label a guide user gets as a saved identity. */
export function guideLabel(user: GuideUser): string {
  return user.name
}

export function guideClaims(user: GuideUser): Record<string, unknown> {
  return { sub: user.id, role: 'authenticated' }
}
