// grant-advice.ts — the one place a hint may propose a GRANT. Pure. The REST error mapper, the RLS explainer, dry
// runs and the advisor all ask here, because "just GRANT it" is dangerous advice in two cases: on the runtime's own
// schemas (auth.users holds every account's email) and on a table whose row-level security is off (the grant hands
// every row to every visitor or signed-in user). There the hint says what apps do instead.

/** Schemas the runtime owns and manages; their privileges are part of the runtime, never the app's to widen. */
const RUNTIME_SCHEMAS = new Set(['auth', 'storage', 'realtime', 'fluxbase_meta', 'pg_catalog', 'information_schema'])

/** The roles an app's requests run as: a grant to them is a grant to everyone who can reach the API. */
const APP_ROLES = new Set(['anon', 'authenticated'])

export function isRuntimeSchema(schema: string): boolean {
  return RUNTIME_SCHEMAS.has(schema) || schema.startsWith('pg_')
}

export interface GrantTarget {
  schema: string
  name: string
  /** The SQL spelling of the table (quoted as needed), used in the statements the hint shows. */
  sqlName?: string
  /** pg_class.relrowsecurity; undefined when not known (treated as off: the safe assumption). */
  rlsEnabled?: boolean
  /** 'table' (the default), 'view', … : only tables carry row-level security of their own. */
  kind?: string
}

/** What the runtime's own tables are for, and where an app reads them from instead. */
function runtimeTableAdvice(schema: string, name: string, role: string): string {
  if (schema === 'auth' && name === 'users') {
    return `auth.users is the runtime's table of accounts (every user's email and metadata) and has no row-level security: never grant it to ${role}, ` +
      'or every signed-in user could read every account. Expose only what the app needs: a public.profiles table with RLS ' +
      '(e.g. USING (id = auth.uid())) filled by a trigger on auth.users, or a view WITH (security_invoker = true) or a function that returns auth.uid()\'s own row.'
  }
  if (schema === 'storage') {
    return `${schema}.${name} belongs to the runtime's storage: do not grant it to ${role}. Allow what users may do with policies on storage.objects ` +
      '(e.g. a folder per user: (storage.foldername(name))[1] = auth.uid()::text) and use the storage API.'
  }
  return `${schema}.${name} belongs to the runtime (schema ${schema}), which manages its privileges: do not grant it to ${role}. ` +
    'Read what the app needs through the API meant for it, or a view or function of your own that returns only what the user may see.'
}

/**
 * The hint for a role that lacks `privileges` on a table or view: a GRANT when that is safe advice, else what to do
 * instead (for an app role and a table with RLS off: enable RLS and add a policy before granting).
 */
export function tableGrantAdvice(target: GrantTarget, privileges: string[], role: string): string {
  const list = privileges.join(', ')
  const sqlName = target.sqlName ?? `${target.schema}.${target.name}`
  if (isRuntimeSchema(target.schema)) return runtimeTableAdvice(target.schema, target.name, role)
  const grant = `GRANT ${list} ON ${sqlName} TO ${role};`
  if (!APP_ROLES.has(role)) return grant
  const kind = target.kind ?? 'table'
  if (kind === 'view') {
    return `${grant}  -- a view runs with its owner's rights: create it WITH (security_invoker = true) so the tables' policies apply to ${role}`
  }
  if (target.rlsEnabled) return grant
  const who = role === 'anon' ? 'visitor (no sign-in needed)' : 'signed-in user'
  return `${sqlName} has row-level security off: granting ${list} to ${role} would let every ${who} reach every row. ` +
    `Turn RLS on and add a policy first — ALTER TABLE ${sqlName} ENABLE ROW LEVEL SECURITY; CREATE POLICY … ON ${sqlName} FOR … TO ${role} USING (…); — then ${grant}`
}

/** The hint for a missing USAGE on a schema, a sequence's USAGE, or EXECUTE on a function. */
export function objectGrantAdvice(kind: 'schema' | 'sequence' | 'function', schema: string, name: string, role: string): string {
  if (isRuntimeSchema(schema)) {
    return `${kind === 'schema' ? `schema ${schema}` : `${schema}.${name}`} belongs to the runtime, which manages its privileges: do not grant it to ${role}; ` +
      'use the API meant for it, or a view or function of your own that returns only what the user may see.'
  }
  if (kind === 'schema') return `GRANT USAGE ON SCHEMA ${schema} TO ${role};`
  if (kind === 'sequence') return `GRANT USAGE ON SEQUENCE ${schema}.${name} TO ${role};  -- the column default calls nextval()`
  return `GRANT EXECUTE ON FUNCTION ${name} TO ${role};`
}
