// postgres/bootstrap-preflight.ts — before the migrations touch a server the team already runs (--database-url):
// can the given role finish the bootstrap, and does anything of the user's stand where the runtime's objects would
// go? Each missing privilege and each conflict is named with the statement that settles it; runtime.ts stops before
// changing anything when there is one. The facts are read here (a few catalog queries); the verdict is pure.
import type { Pool } from 'pg'
import { quoteIdent } from './quote-ident.js'

/** The runtime's own schemas (resources/migrations) and the roles it makes (0001). */
export const RUNTIME_SCHEMAS = ['auth', 'storage', 'realtime', 'rpc', 'app'] as const
export const REQUEST_ROLES = ['anon', 'authenticated', 'service_role'] as const
export const API_ROLE = 'fluxbase_api'

export interface ExistingRole {
  name: string
  superuser: boolean
  canLogin: boolean
  bypassRls: boolean
  /** The bootstrap role holds it WITH ADMIN OPTION (PostgreSQL 16+ needs that to grant it or change its password). */
  adminOption: boolean
  /** For fluxbase_api: already a member of anon, authenticated and service_role (made by a studio before). */
  memberOfRequestRoles: boolean
}

export interface ExistingSchema {
  name: string
  owner: string
  /** A few of its tables, views and functions (the conflict names them). */
  objects: string[]
  objectCount: number
}

export interface BootstrapFacts {
  role: string
  database: string
  serverVersionNum: number
  superuser: boolean
  createRole: boolean
  bypassRls: boolean
  canCreateInDatabase: boolean
  /** fluxbase_meta.migrations lists 0001 in this database: the runtime installed here before. */
  installedHere: boolean
  roles: ExistingRole[]
  schemas: ExistingSchema[]
}

export interface PreflightProblem {
  kind: 'privilege' | 'conflict'
  message: string
  /** What to run (as a superuser, unless it says otherwise) to settle it. */
  fix?: string
}

export async function readBootstrapFacts(admin: Pool): Promise<BootstrapFacts> {
  const { rows: who } = await admin.query(
    `SELECT current_user AS role, current_database() AS database, current_setting('server_version_num')::int AS version,
            r.rolsuper AS superuser, r.rolcreaterole AS create_role, r.rolbypassrls AS bypass_rls,
            has_database_privilege(current_database(), 'CREATE') AS can_create,
            to_regclass('fluxbase_meta.migrations') IS NOT NULL AS has_meta
       FROM pg_roles r WHERE r.rolname = current_user`,
  )
  const w = who[0]
  let installedHere = false
  if (w.has_meta) {
    const { rows } = await admin.query("SELECT 1 FROM fluxbase_meta.migrations WHERE version LIKE '0001\\_%'")
    installedHere = rows.length > 0
  }
  const { rows: roles } = await admin.query(
    `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolcanlogin AS can_login, r.rolbypassrls AS bypass_rls,
            EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid AND m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND m.admin_option) AS admin_option,
            (SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
              WHERE m.member = r.oid AND g.rolname = ANY ($2::text[])) = cardinality($2::text[]) AS member_of_request_roles
       FROM pg_roles r WHERE r.rolname = ANY ($1::text[])`,
    [[...REQUEST_ROLES, API_ROLE], [...REQUEST_ROLES]],
  )
  const { rows: schemas } = await admin.query(
    `SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner,
            (SELECT array_agg(o.name ORDER BY o.name) FROM (
               SELECT c.relname::text AS name FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
               UNION ALL SELECT p.proname || '()' FROM pg_proc p WHERE p.pronamespace = n.oid) o) AS objects
       FROM pg_namespace n WHERE n.nspname = ANY ($1::text[]) ORDER BY n.nspname`,
    [[...RUNTIME_SCHEMAS]],
  )
  return {
    role: w.role,
    database: w.database,
    serverVersionNum: w.version,
    superuser: w.superuser,
    createRole: w.create_role,
    bypassRls: w.bypass_rls,
    canCreateInDatabase: w.can_create,
    installedHere,
    roles: roles.map((r) => ({ name: r.name, superuser: r.superuser, canLogin: r.can_login, bypassRls: r.bypass_rls, adminOption: r.admin_option, memberOfRequestRoles: r.member_of_request_roles })),
    schemas: schemas.map((s) => {
      const objects: string[] = s.objects ?? []
      return { name: s.name, owner: s.owner, objects: objects.slice(0, 5), objectCount: objects.length }
    }),
  }
}

function conflicts(f: BootstrapFacts): PreflightProblem[] {
  // A database the runtime installed into before holds its own schemas and roles: nothing to compare.
  if (f.installedHere) return []
  const out: PreflightProblem[] = []
  for (const s of f.schemas) {
    const foreignOwner = !f.superuser && s.owner !== f.role
    if (s.objectCount === 0 && !foreignOwner) continue
    const what = s.objectCount ? `holds ${s.objectCount} object${s.objectCount === 1 ? '' : 's'} (${s.objects.join(', ')}${s.objectCount > s.objects.length ? ', …' : ''})` : `belongs to role "${s.owner}"`
    out.push({
      kind: 'conflict',
      message: `the database "${f.database}" already has a schema "${s.name}" that ${what}; Fluxbase Studio keeps its own ${s.name} objects in that schema and would mix them with yours`,
      fix: `install into another database, or move yours aside first: ALTER SCHEMA ${quoteIdent(s.name)} RENAME TO ${quoteIdent(`${s.name}_app`)}`,
    })
  }
  for (const r of f.roles) {
    if (r.superuser) {
      out.push({ kind: 'conflict', message: `the role "${r.name}" exists and is a superuser; requests run as it would bypass every check`, fix: `ALTER ROLE ${quoteIdent(r.name)} NOSUPERUSER, or use a server where "${r.name}" is free` })
    } else if (r.name === API_ROLE && !r.memberOfRequestRoles) {
      out.push({ kind: 'conflict', message: `the role "${API_ROLE}" exists but was not made by Fluxbase Studio (it is not a member of anon, authenticated and service_role); the studio would change its password`, fix: `rename it (ALTER ROLE ${API_ROLE} RENAME TO …) or drop it if nothing uses it` })
    } else if (r.name !== API_ROLE && r.canLogin) {
      out.push({ kind: 'conflict', message: `the role "${r.name}" exists and can log in; Fluxbase Studio's ${r.name} must not (requests switch to it with SET ROLE)`, fix: `ALTER ROLE ${quoteIdent(r.name)} NOLOGIN, or rename yours` })
    } else if (r.name === 'service_role' && !r.bypassRls) {
      out.push({ kind: 'conflict', message: 'the role "service_role" exists without BYPASSRLS; the service key would be held to every policy', fix: 'ALTER ROLE service_role BYPASSRLS' })
    }
  }
  return out
}

function privileges(f: BootstrapFacts): PreflightProblem[] {
  if (f.superuser) return []
  const out: PreflightProblem[] = []
  const me = quoteIdent(f.role)
  const existing = new Map(f.roles.map((r) => [r.name, r]))
  const missing = [...REQUEST_ROLES, API_ROLE].filter((r) => !existing.has(r))
  if (!f.canCreateInDatabase) {
    out.push({ kind: 'privilege', message: `the role "${f.role}" may not create schemas in the database "${f.database}"`, fix: `GRANT CREATE ON DATABASE ${quoteIdent(f.database)} TO ${me}` })
  }
  if (!f.createRole) {
    out.push({ kind: 'privilege', message: `the role "${f.role}" lacks CREATEROLE: it makes the request roles (${missing.join(', ') || 'none missing'}) and sets the API role's password`, fix: `ALTER ROLE ${me} CREATEROLE` })
  }
  if (!existing.has('service_role') && (f.serverVersionNum < 160000 || !f.bypassRls)) {
    out.push(
      f.serverVersionNum >= 160000
        ? { kind: 'privilege', message: `the role "${f.role}" lacks BYPASSRLS, which PostgreSQL 16+ requires to create service_role (a BYPASSRLS role)`, fix: `ALTER ROLE ${me} BYPASSRLS` }
        : {
            kind: 'privilege',
            message: `PostgreSQL ${Math.floor(f.serverVersionNum / 10000)} lets only a superuser create a BYPASSRLS role, and service_role is one`,
            fix: 'CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS',
          },
    )
  }
  // PostgreSQL 16+: CREATEROLE alone no longer lets a role grant another role, or change its password.
  if (f.serverVersionNum >= 160000) {
    for (const r of f.roles) {
      if (!r.adminOption && !r.superuser) {
        out.push({ kind: 'privilege', message: `the role "${f.role}" has no ADMIN OPTION on "${r.name}", which it must grant${r.name === API_ROLE ? ' and give a password' : ''} (PostgreSQL 16+)`, fix: `GRANT ${quoteIdent(r.name)} TO ${me} WITH ADMIN OPTION` })
      }
    }
  }
  return out
}

/** Everything that stops the bootstrap, privileges first (pure: unit-tested from facts). */
export function preflightProblems(f: BootstrapFacts): PreflightProblem[] {
  return [...privileges(f), ...conflicts(f)]
}

/** One message naming every problem and its fix, for the StartupError that stops the runtime. */
export function describeProblems(f: BootstrapFacts, problems: PreflightProblem[]): string {
  const lines = problems.map((p) => `  - ${p.message}${p.fix ? `\n    fix: ${p.fix}` : ''}`)
  return `Fluxbase Studio cannot install into the database "${f.database}" as the role "${f.role}" (PostgreSQL ${Math.floor(f.serverVersionNum / 10000)}); nothing was changed:\n${lines.join('\n')}`
}
