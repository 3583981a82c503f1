// Unit tests of rest/plan + rest/sql: what SQL each request shape becomes (inline snapshots), and the planner's
// refusals. Pure: the schema cache is test/unit/rest/fixture-schema.ts.
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../electron/server/errors.js'
import { parseQueryString } from '../../../electron/server/rest/request/parse-query-string.js'
import { planRead } from '../../../electron/server/rest/plan/plan-read.js'
import { planDelete, planInsert, planUpdate } from '../../../electron/server/rest/plan/plan-write.js'
import { requireRelation } from '../../../electron/server/rest/plan/resolve-names.js'
import { buildPlannedCount, buildRead } from '../../../electron/server/rest/sql/build-read.js'
import { buildWrite } from '../../../electron/server/rest/sql/build-write.js'
import { quoteIdent, quoteQualified } from '../../../electron/server/postgres/quote-ident.js'
import type { Prefer } from '../../../electron/server/rest/request/request-types.js'
import { fixtureSchema } from './fixture-schema.js'

const cache = fixtureSchema()
const opts = { maxPageSize: 1000 }
const rel = (name: string) => requireRelation(cache, 'public', name)
const read = (table: string, qs: string) => buildRead(planRead(cache, rel(table), parseQueryString(qs), opts))
const insert = (table: string, qs: string, body: unknown, prefer: Prefer = {}) => buildWrite(planInsert(cache, rel(table), parseQueryString(qs), prefer, body, opts))

function refusal(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('reads', () => {
  it('a filtered, ordered page: values are parameters, identifiers quoted', () => {
    const sql = read('posts', 'select=id,heading:title&published=is.true&title=ilike.*rust*&order=created_at.desc.nullslast,id&limit=20&offset=40')
    expect(sql.text).toMatchInlineSnapshot(`"SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n, NULL::int8 AS total FROM (SELECT _t0."id" AS "id", _t0."title" AS "heading" FROM "public"."posts" AS _t0 WHERE _t0."published" IS TRUE AND _t0."title" ILIKE $1 ORDER BY _t0."created_at" DESC NULLS LAST, _t0."id" ASC LIMIT $2 OFFSET $3) AS _r"`)
    expect(sql.values).toEqual(['%rust%', 20, 40])
  })

  it('embeds: many-to-one object, one-to-many array with its own filter/order/limit, exact count', () => {
    const sql = read('posts', 'select=title,users(email),comments(body)&comments.body=neq.spam&comments.order=id.desc&comments.limit=3&id=gt.10&count=exact')
    expect(sql.text).toMatchInlineSnapshot(`"SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n, (SELECT count(*) FROM "public"."posts" AS _t0 WHERE _t0."id" > $3) AS total FROM (SELECT _t0."title" AS "title", (SELECT row_to_json(_e) FROM (SELECT _t1."email" AS "email" FROM "public"."users" AS _t1 WHERE _t1."id" = _t0."user_id" LIMIT 1) AS _e) AS "users", (SELECT coalesce(json_agg(_e), '[]') FROM (SELECT _t2."body" AS "body" FROM "public"."comments" AS _t2 WHERE _t2."post_id" = _t0."id" AND _t2."body" <> $1 ORDER BY _t2."id" DESC LIMIT $2) AS _e) AS "comments" FROM "public"."posts" AS _t0 WHERE _t0."id" > $3 LIMIT $4) AS _r"`)
    expect(sql.values).toEqual(['spam', 3, '10', 1000])
  })

  it('many-to-many through the junction, !inner as EXISTS', () => {
    const sql = read('posts', 'select=title,tags!inner(name)&tags.name=eq.rust')
    expect(sql.text).toMatchInlineSnapshot(`"SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n, NULL::int8 AS total FROM (SELECT _t0."title" AS "title", (SELECT coalesce(json_agg(_e), '[]') FROM (SELECT _t1."name" AS "name" FROM "public"."tags" AS _t1 JOIN "public"."post_tags" AS _t1_j ON _t1_j."tag_id" = _t1."id" WHERE _t1_j."post_id" = _t0."id" AND _t1."name" = $1) AS _e) AS "tags" FROM "public"."posts" AS _t0 WHERE EXISTS (SELECT 1 FROM "public"."tags" AS _t1 JOIN "public"."post_tags" AS _t1_j ON _t1_j."tag_id" = _t1."id" WHERE _t1_j."post_id" = _t0."id" AND _t1."name" = $2) LIMIT $3) AS _r"`)
  })

  it('one-to-one is an object; spreads become a LATERAL join', () => {
    expect(planRead(cache, rel('users'), parseQueryString('select=profiles(bio)'), opts).node.select[0]).toMatchObject({ kind: 'embed', cardinality: 'one' })
    expect(read('users', 'select=email,...profiles(bio)').text).toContain('LEFT JOIN LATERAL (SELECT _t1."bio" AS "bio" FROM "public"."profiles" AS _t1 WHERE _t1."user_id" = _t0."id" LIMIT 1) AS _t1_s ON true')
  })

  it('recursive or/and with not, in lists, JSON paths compared as numbers, containment by column type', () => {
    const sql = read('posts', 'select=id&or=(id.in.(1,2,"3,4"),and(data->>n.gt.5,not.tags.cs.(a,b)),data.cs.(x,1))')
    expect(sql.text).toMatchInlineSnapshot(`"SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n, NULL::int8 AS total FROM (SELECT _t0."id" AS "id" FROM "public"."posts" AS _t0 WHERE (_t0."id" = ANY($1) OR (((_t0."data"->>$2::text))::numeric > $3 AND NOT (_t0."tags" @> $4)) OR _t0."data" @> $5) LIMIT $6) AS _r"`)
    expect(sql.values).toEqual([['1', '2', '3,4'], 'n', '5', ['a', 'b'], '["x",1]', 1000])
  })

  it('every operator maps to its SQL', () => {
    const where = (f: string) => read('posts', `select=id&${f}`).text.replace(/^.* WHERE (.*) LIMIT .*$/, '$1')
    expect({
      neq: where('score=neq.1'), lte: where('score=lte.1'), match: where('title=match.^a'), imatch: where('title=imatch.^a'),
      isnull: where('title=is.null'), notnull: where('title=not.is.null'), unknown: where('published=is.unknown'),
      distinct: where('score=isdistinct.1'), any: where('title=like(any).{a*,b*}'), all: where('title=ilike(all).{%a%,%b%}'),
      cd: where('tags=cd.{a,b}'), ov: where('tags=ov.(a,b)'), sl: where('during=sl.[1,2)'), sr: where('during=sr.[1,2)'),
      nxr: where('during=nxr.[1,2)'), nxl: where('during=nxl.[1,2)'), adj: where('during=adj.[1,2)'),
      fts: where('search=fts.cat'), plfts: where('search=plfts(english).fat cat'), phfts: where('search=phfts.a b'), wfts: where('search=wfts.a -b'),
      st: where('data=st_intersects.{}'), dwithin: where('data=st_dwithin.10,{}'),
    }).toMatchInlineSnapshot(`
      {
        "adj": "_t0."during" -|- $1",
        "all": "_t0."title" ILIKE ALL($1)",
        "any": "_t0."title" LIKE ANY($1)",
        "cd": "_t0."tags" <@ $1",
        "distinct": "_t0."score" IS DISTINCT FROM $1",
        "dwithin": "ST_DWithin(_t0."data", ST_GeomFromGeoJSON($1), $2::float8)",
        "fts": "_t0."search" @@ plainto_tsquery($1)",
        "imatch": "_t0."title" ~* $1",
        "isnull": "_t0."title" IS NULL",
        "lte": "_t0."score" <= $1",
        "match": "_t0."title" ~ $1",
        "neq": "_t0."score" <> $1",
        "notnull": "NOT (_t0."title" IS NULL)",
        "nxl": "_t0."during" &> $1",
        "nxr": "_t0."during" &< $1",
        "ov": "_t0."tags" && $1",
        "phfts": "_t0."search" @@ phraseto_tsquery($1)",
        "plfts": "_t0."search" @@ phraseto_tsquery($1::regconfig, $2)",
        "sl": "_t0."during" << $1",
        "sr": "_t0."during" >> $1",
        "st": "ST_Intersects(_t0."data", ST_GeomFromGeoJSON($1))",
        "unknown": "_t0."published" IS UNKNOWN",
        "wfts": "_t0."search" @@ websearch_to_tsquery($1)",
      }
    `)
  })

  it('group_by and aggregates: group columns first, GROUP BY before ORDER BY and LIMIT', () => {
    const sql = read('posts', 'select=count(*),avg(score)::int&group_by=published&order=published')
    expect(sql.text).toMatchInlineSnapshot(`"SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n, NULL::int8 AS total FROM (SELECT _t0."published" AS "published", count(*) AS "count", (avg(_t0."score"))::"pg_catalog"."int4" AS "avg_score" FROM "public"."posts" AS _t0 GROUP BY 1 ORDER BY _t0."published" ASC LIMIT $1) AS _r"`)
  })

  it('count=planned asks the planner, with the same filters', () => {
    const plan = planRead(cache, rel('posts'), parseQueryString('select=id,users(email)&title=eq.x&count=planned'), opts)
    expect(buildPlannedCount(plan.node).text).toMatchInlineSnapshot(`"EXPLAIN (FORMAT JSON) SELECT 1 FROM "public"."posts" AS _t0 WHERE _t0."title" = $1"`)
  })

  it('the page size is capped', () => {
    expect(read('posts', 'limit=5000').values).toEqual([1000])
    expect(read('posts', '').values).toEqual([1000])
  })

  it('truncate and casts', () => {
    expect(read('posts', 'select=title,score::text&truncate=10').text).toContain(`left(_t0."title", $1::int) AS "title", (_t0."score")::"pg_catalog"."text" AS "score"`)
  })
})

describe('writes', () => {
  it('insert: the body is one JSON parameter, RETURNING feeds the select', () => {
    const sql = insert('posts', 'select=id', [{ title: 'a', user_id: 'u' }, { title: 'b' }])
    expect(sql.text).toMatchInlineSnapshot(`"WITH _w AS (INSERT INTO "public"."posts" AS _i ("title", "user_id") SELECT _v."title", _v."user_id" FROM json_populate_recordset(NULL::"public"."posts", $1::json) AS _v RETURNING _i.*) SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n, NULL::int8 AS total FROM (SELECT _t0."id" AS "id" FROM _w AS _t0) AS _r"`)
    expect(sql.values).toEqual(['[{"title":"a","user_id":"u"},{"title":"b"}]'])
  })

  it('upsert with missing=default uses column defaults for absent keys', () => {
    const sql = insert('posts', 'on_conflict=id', [{ id: 1, title: 'x' }, { id: 2 }], { resolution: 'merge-duplicates', missing: 'default', return: 'minimal' })
    expect(sql.text).toMatchInlineSnapshot(`"INSERT INTO "public"."posts" AS _i ("id", "title") SELECT CASE WHEN _j.o ? $2 THEN _v."id" ELSE nextval(pg_get_serial_sequence($3, $4)::regclass) END, CASE WHEN _j.o ? $5 THEN _v."title" ELSE NULL END FROM jsonb_array_elements($1::jsonb) AS _j(o) CROSS JOIN LATERAL jsonb_populate_record(NULL::"public"."posts", _j.o) AS _v ON CONFLICT ("id") DO UPDATE SET "title" = EXCLUDED."title""`)
  })

  it('update and delete', () => {
    expect(buildWrite(planUpdate(cache, rel('posts'), parseQueryString('id=eq.1'), { return: 'minimal' }, { title: 'y' }, opts)).text).toMatchInlineSnapshot(`"UPDATE "public"."posts" AS _u SET "title" = _v."title" FROM json_populate_record(NULL::"public"."posts", $1::json) AS _v WHERE _u."id" = $2"`)
    expect(buildWrite(planDelete(cache, rel('posts'), parseQueryString('id=in.(1,2)&select=id'), {}, opts)).text).toMatchInlineSnapshot(`"WITH _w AS (DELETE FROM "public"."posts" AS _d WHERE _d."id" = ANY($1) RETURNING _d.*) SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*) AS n, NULL::int8 AS total FROM (SELECT _t0."id" AS "id" FROM _w AS _t0) AS _r"`)
  })

  it.each([
    ['an unknown column', () => insert('posts', '', { nope: 1 }), 400, /^Unknown column: nope$/],
    ['a generated column', () => insert('posts', '', { slug: 'x' }), 400, /generated/],
    ['a non-object row', () => insert('posts', '', [1]), 400, /row 0/],
    ['a view that is not updatable', () => insert('report', '', { n: 1 }), 405, /cannot insert into view/],
    ['a delete without filter', () => buildWrite(planDelete(cache, rel('posts'), parseQueryString(''), {}, opts)), 400, /requires a filter/],
    ['an empty update', () => buildWrite(planUpdate(cache, rel('posts'), parseQueryString('id=eq.1'), {}, {}, opts)), 400, /empty/],
    ['an upsert without key', () => insert('active_posts', '', { id: 1 }, { resolution: 'merge-duplicates' }), 400, /no primary key/],
  ])('refuses %s', (_name, fn, status, message) => {
    const err = refusal(fn)
    expect(err.status).toBe(status)
    expect(err.message).toMatch(message)
  })
})

describe('planner refusals name the culprit', () => {
  it.each([
    ['posts', 'select=titel', 400, /column "titel" does not exist in public.posts/, /Perhaps you meant the column "title"/],
    ['posts', 'nope=eq.1', 400, /column "nope"/, undefined],
    ['posts', 'select=id,nothing(*)', 400, /Could not find a relationship between 'posts' and 'nothing'/, undefined],
    ['employees', 'select=employees(*)', 400, /more than one relationship/, /employees!employees_manager_id_fkey/],
    ['posts', 'select=id&order=titel', 400, /column "titel"/, undefined],
    ['posts', 'select=id&title->>x=eq.1', 400, /JSON path/, undefined],
    ['posts', 'select=id::nosuch', 400, /unknown type "nosuch"/, undefined],
    ['posts', 'select=id&users.email=eq.x', 400, /'users' is not an embedded resource/, undefined],
    ['users', 'select=...posts(title)', 400, /can only spread a to-one/, undefined],
    ['posts', 'select=*,count(*)', 400, /aggregates cannot be combined/, undefined],
    ['posts', 'id=is.maybe', 400, /"is" takes null, not_null, true, false or unknown/, undefined],
    ['posts', 'id=in.1,2', 400, /is not a list/, undefined],
    ['posts', 'order=emb.vec_cos.[x]', 400, /column "emb"/, undefined],
  ])('%s?%s', (table, qs, status, message, hint) => {
    const err = refusal(() => planRead(cache, rel(table), parseQueryString(qs), opts))
    expect(err.status).toBe(status)
    expect(err.message).toMatch(message)
    if (hint) expect(err.hint ?? '').toMatch(hint)
  })

  it('an unknown table is a 404 with a suggestion', () => {
    const err = refusal(() => requireRelation(cache, 'public', 'post'))
    expect(err.status).toBe(404)
    expect(err.message).toBe("Table 'public.post' not found")
    expect(err.hint).toMatch(/public.posts/)
  })
})

describe('the quoting helper', () => {
  it('doubles quotes and refuses NUL', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"')
    expect(quoteIdent("x'); DROP TABLE t; --")).toBe(`"x'); DROP TABLE t; --"`)
    expect(quoteQualified('My Schema', 'posts')).toBe('"My Schema"."posts"')
    expect(refusal(() => quoteIdent('a\u0000b')).status).toBe(400)
  })
})
