// project/policy-tests/test-file-schema.ts — the shape of a policy test file (fluxbase/tests/rls/*.yaml, see
// docs/policy-tests.md) as zod schemas. The file is checked in two steps so one bad assertion does not hide the
// others: the outline (identities, tables → lists) first, then each identity and each assertion on its own.
import { z } from 'zod'

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()])
/** Column → value (equality; null matches NULL). */
export const columnValues = z.record(z.string().min(1), z.unknown())
/** A row's primary key: the value itself for a one-column key, column → value for any key. */
export const rowKey = z.union([scalar, z.record(z.string().min(1), scalar)])

export const fileOutline = z
  .object({
    identities: z.record(z.string().min(1), z.unknown()).optional(),
    tables: z.record(z.string().min(1), z.array(z.unknown()).min(1, 'a table needs at least one assertion')),
  })
  .strict()

/** Names every file may use without declaring them. */
export const BUILTIN_IDENTITIES = ['anon', 'service_role'] as const

export const identitySpec = z.union([
  z.object({ email: z.string().min(3) }).strict(),
  z
    .object({
      claims: z
        .record(z.string(), z.unknown())
        .refine((c) => typeof c.role === 'string' && c.role.length > 0, 'claims.role is required (anon, authenticated, service_role or an app role)')
        .refine((c) => c.sub === undefined || typeof c.sub === 'string', 'claims.sub must be a string'),
    })
    .strict(),
  z.enum(BUILTIN_IDENTITIES),
])
export type IdentitySpec = z.infer<typeof identitySpec>

const base = {
  as: z.string().min(1),
  /** Optional words for the report; the default says what is checked. */
  name: z.string().min(1).optional(),
}

const readShape = {
  ...base,
  /** Restrict the rows looked at to those matching these column values. */
  where: columnValues.optional(),
}

const read = z
  .object({
    ...readShape,
    /** Exactly these rows are visible (among those `where` selects). */
    sees: z.array(rowKey).optional(),
    /** At least these rows are visible. */
    includes: z.array(rowKey).optional(),
    /** None of these rows is visible. */
    hides: z.array(rowKey).min(1).optional(),
    /** How many rows are visible (or, with `for`, how many an UPDATE or DELETE of them would reach). */
    count: z.number().int().min(0).optional(),
    /** With count: the rows the identity may update or delete instead of select (the compare matrix's columns). */
    for: z.enum(['select', 'update', 'delete']).optional(),
  })
  .strict()
  .refine((a) => [a.sees, a.includes, a.hides, a.count].filter((x) => x !== undefined).length === 1, 'a read assertion says exactly one of sees, includes, hides or count')
  .refine((a) => a.for === undefined || a.for === 'select' || a.count !== undefined, { message: '"for: update" and "for: delete" go with count', path: ['for'] })

const verdict = {
  /** allowed: the write reaches at least one row (or exactly `rows`); refused: an error or no row written. */
  expect: z.enum(['allowed', 'refused']),
  /** With refused: the policy the simulator names as the one that refused it. */
  by: z.string().min(1).optional(),
  /** With allowed, for update and delete: exactly this many rows. */
  rows: z.number().int().min(0).optional(),
}

const insert = z.object({ ...base, ...verdict, insert: z.union([columnValues, z.array(columnValues).min(1)]) }).strict()
const update = z.object({ ...base, ...verdict, update: z.object({ where: columnValues, set: columnValues }).strict() }).strict()
const del = z.object({ ...base, ...verdict, delete: z.object({ where: columnValues }).strict() }).strict()

const checkVerdict = (a: { expect: string; by?: string; rows?: number }, ctx: z.RefinementCtx) => {
  if (a.by && a.expect !== 'refused') ctx.addIssue({ code: 'custom', message: '"by" names the policy that refuses a write: use it with expect: refused', path: ['by'] })
  if (a.rows !== undefined && a.expect !== 'allowed') ctx.addIssue({ code: 'custom', message: '"rows" counts the rows a write reaches: use it with expect: allowed', path: ['rows'] })
}

const writes = { insert: insert.superRefine(checkVerdict), update: update.superRefine(checkVerdict), delete: del.superRefine(checkVerdict) }

export type ReadAssertion = z.infer<typeof read>
export type WriteAssertion = z.infer<typeof insert> | z.infer<typeof update> | z.infer<typeof del>
export type Assertion = ReadAssertion | WriteAssertion

/** Picks the schema by the key that names the kind, so errors speak about that kind (not "invalid input" of a union). */
export function assertionSchemaFor(raw: unknown): z.ZodType<Assertion> {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const kind = (['insert', 'update', 'delete'] as const).find((k) => k in o)
  return (kind ? writes[kind] : read) as z.ZodType<Assertion>
}

export function isWrite(a: Assertion): a is WriteAssertion {
  return 'expect' in a
}
