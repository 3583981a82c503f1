// rest/name-privileges.ts — the last step of an unknown-name error (plan/resolve-names.ts) before it leaves: the
// "Perhaps you meant…" and column-list hints keep only names the caller's role may use (schema USAGE, any table or
// column privilege), so a typo never reveals a revoked schema's tables or columns. The service role sees them all.
import type { Pool } from 'pg'
import { ApiError } from '../errors.js'
import type { Identity } from '../identity.js'
import { suggestionHint, UnknownNameError } from './plan/resolve-names.js'

const TABLE_PRIVS = 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'
const COLUMN_PRIVS = 'SELECT, INSERT, UPDATE, REFERENCES'

async function usableNames(admin: Pool, role: string, err: UnknownNameError): Promise<string[]> {
  const { kind, schema, table, candidates } = err.lookup
  if (!candidates.length) return []
  // Privileges are asked about the caller's database role by name; the admin pool only reads the catalog.
  const { rows } = await admin.query<{ name: string }>(
    kind === 'table'
      ? `SELECT name FROM unnest($3::text[]) AS name
          WHERE has_schema_privilege($1, $2, 'USAGE') AND has_table_privilege($1, format('%I.%I', $2, name), '${TABLE_PRIVS}')`
      : `SELECT name FROM unnest($3::text[]) AS name
          WHERE has_schema_privilege($1, $2, 'USAGE') AND has_column_privilege($1, format('%I.%I', $2, $4::text), name, '${COLUMN_PRIVS}')`,
    kind === 'table' ? [role, schema, candidates] : [role, schema, candidates, table],
  )
  const usable = new Set(rows.map((r) => r.name))
  return candidates.filter((c) => usable.has(c))
}

/** Rethrows `err`, with its suggestions narrowed to the caller's privileges when it is an unknown-name error. */
export async function narrowSuggestions(err: unknown, admin: Pool, identity: Identity): Promise<never> {
  if (!(err instanceof UnknownNameError) || identity.dbRole === 'service_role') throw err
  let usable: string[]
  try {
    usable = await usableNames(admin, identity.dbRole, err)
  } catch {
    usable = []
  }
  throw new ApiError(err.status, err.code, err.message, err.details, suggestionHint(err.lookup, usable))
}
