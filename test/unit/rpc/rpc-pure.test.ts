// Unit tests of rpc/: annotations, named-parameter binding (as parameters, never inlined), input validation, access
// rules and the allowed-tables check.
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../electron/server/errors.js'
import { identityFromClaims } from '../../../electron/server/identity.js'
import { parseProcedureFile, parseDurationSeconds } from '../../../electron/server/rpc/parse-annotations.js'
import { bindNamedParams, findNamedParams } from '../../../electron/server/rpc/named-params.js'
import { validateInput } from '../../../electron/server/rpc/validate-input.js'
import { checkAccess } from '../../../electron/server/rpc/check-access.js'
import { checkAllowedRelations, referencedRelations } from '../../../electron/server/rpc/referenced-relations.js'

function refusal(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('annotations', () => {
  it('parses every annotation, multi-line input, and keeps the SQL', () => {
    const def = parseProcedureFile(
      [
        '-- @fluxbase:name get_orders',
        '-- @fluxbase:description Orders of a user',
        '-- @fluxbase:input {',
        '--   "user_id": "uuid",',
        '--   "limit?": "integer"',
        '-- }',
        '-- @fluxbase:output {"id": "uuid"}',
        '-- @fluxbase:public true',
        '-- @fluxbase:require-role admin, authenticated',
        '-- @fluxbase:allowed-tables orders, public.users',
        '-- @fluxbase:allowed-schemas public, app',
        '-- @fluxbase:max-execution-time 2m',
        '-- @fluxbase:disable-execution-logs',
        '-- @fluxbase:version 3',
        '-- a normal comment stays',
        'SELECT * FROM orders WHERE user_id = $user_id LIMIT $limit;',
      ].join('\n'),
      'file_name',
      'shop',
    )
    expect(def).toMatchObject({
      namespace: 'shop',
      name: 'get_orders',
      description: 'Orders of a user',
      inputSchema: { user_id: 'uuid', 'limit?': 'integer' },
      outputSchema: { id: 'uuid' },
      isPublic: true,
      requireRole: ['admin', 'authenticated'],
      allowedTables: ['orders', 'public.users'],
      allowedSchemas: ['public', 'app'],
      maxExecutionTimeSeconds: 120,
      disableExecutionLogs: true,
      version: 3,
      sqlQuery: '-- a normal comment stays\nSELECT * FROM orders WHERE user_id = $user_id LIMIT $limit',
    })
  })

  it('defaults: file name, namespace default, private, public schema, 30 s', () => {
    expect(parseProcedureFile('SELECT 1', 'one')).toMatchObject({ name: 'one', namespace: 'default', isPublic: false, allowedSchemas: ['public'], allowedTables: [], maxExecutionTimeSeconds: 30 })
  })

  it('durations', () => {
    expect([parseDurationSeconds('30s'), parseDurationSeconds('5m'), parseDurationSeconds('1h'), parseDurationSeconds('1500ms'), parseDurationSeconds('12'), parseDurationSeconds('soon')]).toEqual([30, 300, 3600, 2, 12, undefined])
  })
})

describe('named parameters', () => {
  it('are found outside literals, identifiers, comments and dollar quotes', () => {
    const sql = `SELECT $a, '$b', "$c", E'\\'$d', $$ $e $$, $tag$ $f $tag$ -- $g\n/* $h /* $i */ */ $j::int, x$k`
    expect(findNamedParams(sql).names).toEqual(['a', 'j'])
  })

  it('become positional parameters typed like the literals they replace', () => {
    const bound = bindNamedParams('SELECT $s, $i, $big, $f, $b, $o, $arr, $s AS again, $n', { s: "x'; DROP TABLE t; --", i: 5, big: 2 ** 40, f: 1.5, b: true, o: { k: [1] }, arr: ['a', 'b'], n: null })
    expect(bound.text).toBe('SELECT $1, $2::int4, $3::int8, $4::numeric, $5::boolean, $6::jsonb, $7, $8 AS again, NULL')
    expect(bound.values).toEqual(["x'; DROP TABLE t; --", 5, 2 ** 40, 1.5, true, '{"k":[1]}', ['a', 'b'], "x'; DROP TABLE t; --"])
  })

  it('numeric arrays become vectors when pgvector is there', () => {
    expect(bindNamedParams('SELECT $v', { v: [0.1, 0.2] }, { hasVector: true })).toMatchObject({ text: 'SELECT $1::vector', values: ['[0.1,0.2]'] })
  })

  it('learned text casts apply to the occurrence PostgreSQL could not type', () => {
    expect(bindNamedParams('SELECT $t IS NULL OR x = $t', { t: 'a' }, { textCasts: new Set([1]) }).text).toBe('SELECT $1::text IS NULL OR x = $2')
  })

  it('a missing parameter is a 400 naming it', () => {
    expect(refusal(() => bindNamedParams('SELECT $a, $b', { a: 1 })).message).toBe('missing required parameters: b')
  })
})

describe('input validation', () => {
  const schema = { id: 'uuid', 'limit?': 'integer', 'tags?': 'array', 'meta?': 'object', 'ok?': 'boolean' }
  it('accepts what matches', () => {
    expect(() => validateInput({ id: '00000000-0000-4000-8000-000000000001', limit: 5, tags: [], meta: {}, ok: false }, schema)).not.toThrow()
  })
  it.each([
    [{}, /missing required parameter "id"/],
    [{ id: 'nope' }, /"id" must be of type uuid/],
    [{ id: '00000000-0000-4000-8000-000000000001', limit: 1.5 }, /"limit" must be of type integer/],
    [{ id: '00000000-0000-4000-8000-000000000001', extra: 1 }, /unknown parameter "extra"/],
  ])('refuses %j', (params, message) => {
    expect(refusal(() => validateInput(params, schema)).message).toMatch(message)
  })
})

describe('access', () => {
  const anon = identityFromClaims({ role: 'anon' })
  const user = identityFromClaims({ role: 'authenticated', sub: 'u1' })
  const admin = identityFromClaims({ role: 'admin', sub: 'u2' })
  const service = identityFromClaims({ role: 'service_role' })
  const proc = (isPublic: boolean, requireRole?: string[]) => ({ ...parseProcedureFile('SELECT 1', 'p'), isPublic, requireRole })
  it.each([
    ['anon, private', anon, proc(false), 403],
    ['anon, public', anon, proc(true), 0],
    ['user, private', user, proc(false), 0],
    ['user, require admin', user, proc(false, ['admin']), 403],
    ['admin, require admin', admin, proc(false, ['admin']), 0],
    ['admin, require authenticated (OR over roles)', admin, proc(false, ['moderator', 'authenticated']), 0],
    ['service role bypasses', service, proc(false, ['nobody']), 0],
  ])('%s', (_n, who, p, status) => {
    if (status) expect(refusal(() => checkAccess(who, p)).status).toBe(status)
    else expect(() => checkAccess(who, p)).not.toThrow()
  })
})

describe('allowed tables', () => {
  it('lists the relations a statement names, not CTEs or functions', () => {
    expect(referencedRelations('WITH recent AS (SELECT * FROM posts) SELECT * FROM recent r JOIN app.users u ON true, "Odd Table" o WHERE EXISTS (SELECT 1 FROM comments) AND x IN (SELECT f FROM fn(1))')).toEqual([
      { schema: undefined, name: 'posts' },
      { schema: 'app', name: 'users' },
      { schema: undefined, name: 'Odd Table' },
      { schema: undefined, name: 'comments' },
    ])
    expect(referencedRelations('INSERT INTO a (x) SELECT x FROM b; UPDATE c SET x = 1 FROM d; DELETE FROM e USING f')).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ schema: undefined, name })),
    )
  })
  it('refuses tables and schemas outside the lists', () => {
    const resolve = () => 'public'
    expect(() => checkAllowedRelations('SELECT * FROM posts', ['posts'], ['public'], resolve)).not.toThrow()
    expect(refusal(() => checkAllowedRelations('SELECT * FROM posts, secrets', ['posts'], ['public'], resolve)).message).toMatch(/public\.secrets/)
    expect(refusal(() => checkAllowedRelations('SELECT * FROM auth.users', [], ['public'], resolve)).message).toMatch(/auth\.users/)
    expect(refusal(() => checkAllowedRelations('SELECT * FROM pg_catalog.pg_authid', [], ['public'], resolve)).status).toBe(403)
  })
})
