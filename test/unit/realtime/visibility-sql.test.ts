import { describe, expect, it } from 'vitest'
import { buildVisibilitySql } from '../../../electron/server/realtime/visibility-sql.js'
import { quoteIdent } from '../../../electron/server/postgres/quote-ident.js'

const base = { relationOid: 1, schema: 'public', table: 'posts', rowSecurity: true, permissive: [] as string[], restrictive: [] as string[] }

describe('visibility SQL', () => {
  it('ORs permissive policies, ANDs restrictive ones, and always checks the SELECT privilege', () => {
    expect(buildVisibilitySql({ ...base, permissive: ['(owner = auth.uid())', "(status = 'public'::text)"], restrictive: ['(NOT deleted)'] })).toMatchInlineSnapshot(
      `"SELECT "_fluxbase_rt"."_fluxbase_rt_ord" AS ord FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS "_fluxbase_rt"("_fluxbase_rt_val", "_fluxbase_rt_ord") CROSS JOIN LATERAL jsonb_populate_record(NULL::"public"."posts", "_fluxbase_rt"."_fluxbase_rt_val") AS "posts" WHERE has_table_privilege($2::oid, 'SELECT') AND (((owner = auth.uid())) OR ((status = 'public'::text))) AND ((NOT deleted))"`,
    )
  })

  it('denies by default under RLS without a permissive policy', () => {
    expect(buildVisibilitySql({ ...base, restrictive: ['(true)'] })).toMatch(/AND false AND \(\(true\)\)$/)
  })

  it('leaves only the privilege check when RLS is off', () => {
    expect(buildVisibilitySql({ ...base, rowSecurity: false, permissive: ['(x)'] })).toMatch(/WHERE has_table_privilege\(\$2::oid, 'SELECT'\)$/)
  })

  it('quotes identifiers', () => {
    expect(quoteIdent('we"ird')).toBe('"we""ird"')
    expect(buildVisibilitySql({ ...base, schema: 'my schema', table: 'Posts"x', rowSecurity: false })).toContain('NULL::"my schema"."Posts""x"')
  })
})
