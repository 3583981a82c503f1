// studio/sql-console/meta-commands.ts — psql's backslash commands the console understands, each turned into one
// catalog query (\dt, \dp, \du, \dn, \df, \dv, \di, \l, \conninfo) or, for \d name, psql's sections. Display toggles (\x, \timing) stay in
// the terminal. Patterns follow psql: `name` (on the search path only), `schema.name`, `*.*`; values are parameters.
export interface MetaQuery {
  title: string
  sql: string
  values: unknown[]
  /** A section printed only when it has rows (psql leaves out "Indexes:" for a table without any). */
  optional?: boolean
}

export class MetaCommandError extends Error {}

/** psql pattern → [schema LIKE, name LIKE]; no schema means "visible", i.e. not a system schema. */
function pattern(arg: string | undefined): { schema: string | null; name: string } {
  if (!arg) return { schema: null, name: '%' }
  const unquote = (s: string) => (s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s.toLowerCase())
  const like = (s: string) => unquote(s).replace(/[%_]/g, (m) => '\\' + m).replace(/\*/g, '%').replace(/\?/g, '_')
  const dot = arg.indexOf('.')
  return dot < 0 ? { schema: null, name: like(arg) } : { schema: like(arg.slice(0, dot)), name: like(arg.slice(dot + 1) || '*') }
}

const SYSTEM_SCHEMAS = `n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg_temp%'`

/** Like psql: without a schema in the pattern, only what the search path shows (public, not auth or storage). */
const SCHEMA_FILTER = `(($1::text IS NULL AND ${SYSTEM_SCHEMAS} AND pg_table_is_visible(c.oid)) OR n.nspname LIKE $1)`
const FUNCTION_SCHEMA_FILTER = `(($1::text IS NULL AND ${SYSTEM_SCHEMAS} AND pg_function_is_visible(f.oid)) OR n.nspname LIKE $1)`

function relations(kinds: string[], title: string, arg?: string): MetaQuery {
  const p = pattern(arg)
  return {
    title,
    sql: `SELECT n.nspname AS "Schema", c.relname AS "Name",
                 CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index'
                   WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END AS "Type",
                 pg_get_userbyid(c.relowner) AS "Owner"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind = ANY($3::"char"[]) AND ${SCHEMA_FILTER} AND c.relname LIKE $2
           ORDER BY 1, 2`,
    values: [p.schema, p.name, kinds],
  }
}

/** `\d name` as psql prints it: the columns, then (only when there are any) indexes, check and foreign-key
 *  constraints, the tables that reference it, its policies with the RLS state, and its triggers. */
function describe(arg: string): MetaQuery[] {
  const p = pattern(arg)
  const values = [p.schema, p.name]
  const rel = `FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace`
  const match = `${SCHEMA_FILTER} AND c.relname LIKE $2`
  const table = `n.nspname || '.' || c.relname AS "Table"`
  return [
    {
      title: `Table "${arg}"`,
      sql: `SELECT a.attname AS "Column", format_type(a.atttypid, a.atttypmod) AS "Type",
                   CASE WHEN a.attnotnull THEN 'not null' ELSE '' END AS "Nullable",
                   coalesce(pg_get_expr(d.adbin, d.adrelid), '') AS "Default",
                   n.nspname || '.' || c.relname AS "Relation"
              ${rel}
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
              LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
             WHERE ${match} AND c.relkind IN ('r','v','m','p','f')
             ORDER BY n.nspname, c.relname, a.attnum`,
      values,
    },
    {
      title: 'Indexes',
      optional: true,
      sql: `SELECT i.relname AS "Index", pg_get_indexdef(x.indexrelid) AS "Definition",
                   concat_ws(', ', CASE WHEN x.indisprimary THEN 'primary key' END, CASE WHEN x.indisunique AND NOT x.indisprimary THEN 'unique' END,
                     CASE WHEN NOT x.indisvalid THEN 'invalid' END) AS "Kind", ${table}
              ${rel} JOIN pg_index x ON x.indrelid = c.oid JOIN pg_class i ON i.oid = x.indexrelid
             WHERE ${match} AND c.relkind IN ('r','m','p')
             ORDER BY n.nspname, c.relname, x.indisprimary DESC, i.relname`,
      values,
    },
    {
      title: 'Constraints',
      optional: true,
      sql: `SELECT k.conname AS "Constraint", CASE k.contype WHEN 'c' THEN 'check' WHEN 'f' THEN 'foreign key' WHEN 'x' THEN 'exclusion' END AS "Kind",
                   pg_get_constraintdef(k.oid, true) AS "Definition", ${table}
              ${rel} JOIN pg_constraint k ON k.conrelid = c.oid
             WHERE ${match} AND c.relkind IN ('r','p') AND k.contype IN ('c','f','x')
             ORDER BY n.nspname, c.relname, k.contype, k.conname`,
      values,
    },
    {
      title: 'Referenced by',
      optional: true,
      sql: `SELECT rn.nspname || '.' || r.relname AS "Referencing table", k.conname AS "Constraint",
                   pg_get_constraintdef(k.oid, true) AS "Definition", ${table}
              ${rel} JOIN pg_constraint k ON k.confrelid = c.oid AND k.contype = 'f'
              JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
             WHERE ${match} AND c.relkind IN ('r','p')
             ORDER BY 1, 2`,
      values,
    },
    {
      title: 'Policies',
      optional: true,
      sql: `SELECT pol.polname AS "Policy", CASE WHEN pol.polpermissive THEN 'permissive' ELSE 'restrictive' END AS "Kind",
                   CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS "Command",
                   CASE WHEN pol.polroles = '{0}' THEN 'public' ELSE (SELECT string_agg(rolname, ', ') FROM pg_roles WHERE oid = ANY(pol.polroles)) END AS "Roles",
                   coalesce(pg_get_expr(pol.polqual, pol.polrelid), '') AS "Using",
                   coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), '') AS "With check",
                   CASE WHEN c.relrowsecurity THEN 'on' || CASE WHEN c.relforcerowsecurity THEN ' (forced)' ELSE '' END ELSE 'off' END AS "RLS", ${table}
              ${rel} JOIN pg_policy pol ON pol.polrelid = c.oid
             WHERE ${match} AND c.relkind IN ('r','p')
             ORDER BY n.nspname, c.relname, pol.polname`,
      values,
    },
    {
      title: 'Triggers',
      optional: true,
      sql: `SELECT t.tgname AS "Trigger", pg_get_triggerdef(t.oid, true) AS "Definition",
                   CASE t.tgenabled WHEN 'D' THEN 'disabled' ELSE 'enabled' END AS "State", ${table}
              ${rel} JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal
             WHERE ${match}
             ORDER BY n.nspname, c.relname, t.tgname`,
      values,
    },
  ]
}

function policies(arg?: string): MetaQuery {
  const p = pattern(arg)
  return {
    title: 'Row-level security policies',
    sql: `SELECT n.nspname AS "Schema", c.relname AS "Table",
                 CASE WHEN c.relrowsecurity THEN 'on' || CASE WHEN c.relforcerowsecurity THEN ' (forced)' ELSE '' END ELSE 'off' END AS "RLS",
                 pol.polname AS "Policy",
                 CASE WHEN pol.polpermissive THEN 'permissive' ELSE 'restrictive' END AS "Kind",
                 CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS "Command",
                 CASE WHEN pol.polroles = '{0}' THEN 'public' ELSE (SELECT string_agg(rolname, ', ') FROM pg_roles WHERE oid = ANY(pol.polroles)) END AS "Roles",
                 coalesce(pg_get_expr(pol.polqual, pol.polrelid), '') AS "Using",
                 coalesce(pg_get_expr(pol.polwithcheck, pol.polrelid), '') AS "With check"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_policy pol ON pol.polrelid = c.oid
           WHERE c.relkind IN ('r','p') AND ${SCHEMA_FILTER} AND c.relname LIKE $2
             AND (pol.oid IS NOT NULL OR c.relrowsecurity)
           ORDER BY 1, 2, 4`,
    values: [p.schema, p.name],
  }
}

const ROLES: MetaQuery = {
  title: 'List of roles',
  sql: `SELECT r.rolname AS "Role name",
               concat_ws(', ', CASE WHEN r.rolsuper THEN 'Superuser' END, CASE WHEN NOT r.rolinherit THEN 'No inheritance' END,
                 CASE WHEN r.rolcreaterole THEN 'Create role' END, CASE WHEN r.rolcreatedb THEN 'Create DB' END,
                 CASE WHEN NOT r.rolcanlogin THEN 'Cannot login' END, CASE WHEN r.rolbypassrls THEN 'Bypass RLS' END) AS "Attributes",
               coalesce((SELECT string_agg(b.rolname, ', ' ORDER BY b.rolname) FROM pg_auth_members m JOIN pg_roles b ON b.oid = m.roleid WHERE m.member = r.oid), '') AS "Member of"
          FROM pg_roles r WHERE r.rolname NOT LIKE 'pg\\_%' ORDER BY 1`,
  values: [],
}

const SCHEMAS: MetaQuery = {
  title: 'List of schemas',
  sql: `SELECT n.nspname AS "Name", pg_get_userbyid(n.nspowner) AS "Owner" FROM pg_namespace n
         WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' ORDER BY 1`,
  values: [],
}

function functions(arg?: string): MetaQuery {
  const p = pattern(arg)
  return {
    title: 'List of functions',
    sql: `SELECT n.nspname AS "Schema", f.proname AS "Name", pg_get_function_result(f.oid) AS "Result data type",
                 pg_get_function_arguments(f.oid) AS "Argument data types",
                 CASE WHEN f.prosecdef THEN 'definer' ELSE 'invoker' END AS "Security"
            FROM pg_proc f JOIN pg_namespace n ON n.oid = f.pronamespace
           WHERE ${FUNCTION_SCHEMA_FILTER} AND f.proname LIKE $2 ORDER BY 1, 2`,
    values: [p.schema, p.name],
  }
}

const DATABASES: MetaQuery = {
  title: 'List of databases',
  sql: `SELECT datname AS "Name", pg_get_userbyid(datdba) AS "Owner", pg_encoding_to_char(encoding) AS "Encoding" FROM pg_database ORDER BY 1`,
  values: [],
}

const CONNINFO: MetaQuery = {
  title: 'Connection',
  sql: `SELECT current_database() AS "Database", session_user AS "Session user", current_user AS "Current user",
               inet_server_addr()::text AS "Host", inet_server_port() AS "Port", current_setting('server_version') AS "Server version"`,
  values: [],
}

export const META_HELP = [
  ['\\dt [pattern]', 'list tables'],
  ['\\dv [pattern]', 'list views'],
  ['\\di [pattern]', 'list indexes'],
  ['\\ds [pattern]', 'list sequences'],
  ['\\d name', 'describe a table or view: columns, indexes, constraints, referencing tables, policies, triggers'],
  ['\\dp [pattern]', 'row-level security: RLS state and policies'],
  ['\\du', 'list roles'],
  ['\\dn', 'list schemas'],
  ['\\df [pattern]', 'list functions'],
  ['\\l', 'list databases'],
  ['\\conninfo', 'who and where you are connected'],
  ['\\x', 'toggle expanded display (in the console)'],
  ['\\timing', 'toggle timing (in the console)'],
]

/** undefined when `input` is not a backslash command; else the catalog queries whose results it prints, in order. */
export function metaQueries(input: string): MetaQuery[] | undefined {
  const q = metaQuery(input)
  return q === undefined ? undefined : Array.isArray(q) ? q : [q]
}

function metaQuery(input: string): MetaQuery | MetaQuery[] | undefined {
  const text = input.trim().replace(/;+$/, '')
  if (!text.startsWith('\\')) return undefined
  const [cmd, ...rest] = text.split(/\s+/)
  const arg = rest.join(' ') || undefined
  switch (cmd) {
    case '\\dt':
    case '\\dt+':
      return relations(['r', 'p'], 'List of tables', arg)
    case '\\dv':
      return relations(['v', 'm'], 'List of views', arg)
    case '\\di':
      return relations(['i', 'I'], 'List of indexes', arg)
    case '\\ds':
      return relations(['S'], 'List of sequences', arg)
    case '\\d':
    case '\\d+':
      return arg ? describe(arg) : relations(['r', 'p', 'v', 'm', 'S', 'f'], 'List of relations')
    case '\\dp':
    case '\\z':
      return policies(arg)
    case '\\du':
    case '\\dg':
      return ROLES
    case '\\dn':
      return SCHEMAS
    case '\\df':
      return functions(arg)
    case '\\l':
      return DATABASES
    case '\\conninfo':
      return CONNINFO
    default:
      throw new MetaCommandError(`invalid command ${cmd}; try \\? for help`)
  }
}
