// Query conformance against the real runtime. Where the wire format is shared with PostgREST the queries go
// through a real client from npm (@supabase/postgrest-js pointed at /api/v1/tables); Fluxbase-only shapes
// (single-object insert, delete envelope, count= parameter, group_by, POST …/query, by-id) through plain fetch.
import fs from 'node:fs'
import path from 'node:path'
import { PostgrestClient } from '@supabase/postgrest-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { FIXTURES, runScenario, tokens, type Scenario, type Who } from './scenario.js'
import { schemaStoreFor } from '../../../electron/server/rest/schema/schema-store.js'

let rt: TestRuntime
let token: ReturnType<typeof tokens>
const clients = new Map<Who, PostgrestClient>()

beforeAll(async () => {
  rt = await startTestRuntime()
  token = tokens(rt)
  await rt.admin.query(fs.readFileSync(path.join(FIXTURES, 'conformance.sql'), 'utf8'))
  await (await schemaStoreFor(rt.ctx)).reload()
  for (const who of ['alice', 'anon', 'service'] as Who[]) {
    clients.set(who, new PostgrestClient(`${rt.info.apiUrl}/api/v1/tables`, { headers: { Authorization: `Bearer ${await token(who)}` } }))
  }
})
afterAll(async () => {
  await rt?.stop()
})

interface ClientResult {
  data: unknown
  error: { message: string; code?: string; hint?: string } | null
  count: number | null
  status: number
}

interface ClientScenario {
  name: string
  as?: Who
  q: (db: PostgrestClient) => PromiseLike<unknown>
  status?: number
  /** data, exactly */
  data?: unknown
  /** data.map(r => r[field]) in order */
  ordered?: unknown[]
  /** … in any order */
  values?: unknown[]
  field?: string
  count?: number
  error?: RegExp
  code?: string
}

async function runClient(s: ClientScenario): Promise<void> {
  const res = (await s.q(clients.get(s.as ?? 'alice')!)) as ClientResult
  const field = s.field ?? 'id'
  if (s.error) {
    expect(res.error?.message ?? '', JSON.stringify(res)).toMatch(s.error)
    if (s.code) expect(res.error?.code).toBe(s.code)
  } else {
    expect(res.error, JSON.stringify(res.error)).toBeNull()
  }
  if (s.status !== undefined) expect(res.status).toBe(s.status)
  if ('data' in s) expect(res.data).toEqual(s.data)
  if (s.ordered) expect((res.data as Array<Record<string, unknown>>).map((r) => r[field])).toEqual(s.ordered)
  if (s.values) expect((res.data as Array<Record<string, unknown>>).map((r) => r[field]).sort()).toEqual([...s.values].sort())
  if (s.count !== undefined) expect(res.count).toBe(s.count)
}

const READS: ClientScenario[] = [
  // select
  { name: 'all columns, ordered', q: (db) => db.from('authors').select().order('id'), ordered: [1, 2, 3] },
  { name: 'column list', q: (db) => db.from('authors').select('id, name').eq('id', 1), data: [{ id: 1, name: 'Ada' }] },
  { name: 'alias and cast', q: (db) => db.from('posts').select('id, heading:title, score::text').eq('id', 1), data: [{ id: 1, heading: 'Notes on the engine', score: '4.5' }] },
  { name: 'JSON paths in select', q: (db) => db.from('posts').select('id, kind:meta->>kind, stars:meta->stars, first:meta->tags->0').eq('id', 1), data: [{ id: 1, kind: 'essay', stars: 5, first: 'a' }] },
  { name: 'JSON path default name is the last key', q: (db) => db.from('posts').select('meta->>kind').eq('id', 2), data: [{ kind: 'note' }] },
  { name: 'types: numbers, arrays, jsonb, timestamps, ranges', q: (db) => db.from('posts').select('views,score,tags,meta,created_at,during').eq('id', 1), data: [{ views: 100, score: 4.5, tags: ['math', 'history'], meta: { kind: 'essay', stars: 5, tags: ['a', 'b'] }, created_at: '2024-01-01T10:00:00+00:00', during: '[1,5)' }] },
  // embedding
  { name: 'many-to-one embeds an object', q: (db) => db.from('comments').select('id, authors(name)').eq('id', 1), data: [{ id: 1, authors: { name: 'Brian' } }] },
  { name: 'two FKs to one table need a hint; aliases name them', q: (db) => db.from('posts').select('id, author:authors!author_id(name), editor:authors!editor_id(name)').eq('id', 1), data: [{ id: 1, author: { name: 'Ada' }, editor: { name: 'Brian' } }] },
  { name: 'FK-name hint', q: (db) => db.from('posts').select('id, authors!posts_editor_id_fkey(name)').eq('id', 3), data: [{ id: 3, authors: { name: 'Ada' } }] },
  { name: 'missing target embeds null', q: (db) => db.from('posts').select('id, editor:authors!editor_id(name)').eq('id', 2), data: [{ id: 2, editor: null }] },
  { name: 'ambiguous embedding is a 400 naming the candidates', q: (db) => db.from('posts').select('id, authors(name)'), error: /more than one relationship/, code: 'PGRST201' },
  { name: 'one-to-many embeds an array, with order and limit inside', q: (db) => db.from('posts').select('id, comments(body)').eq('id', 1).order('id', { referencedTable: 'comments', ascending: false }).limit(1, { referencedTable: 'comments' }), data: [{ id: 1, comments: [{ body: 'agreed' }] }] },
  { name: 'one-to-many with no children is []', q: (db) => db.from('posts').select('id, comments(id)').eq('id', 5), data: [{ id: 5, comments: [] }] },
  { name: 'one-to-one embeds an object', q: (db) => db.from('authors').select('name, profiles(website)').order('id').limit(2), data: [{ name: 'Ada', profiles: { website: 'https://ada.example.com' } }, { name: 'Brian', profiles: null }] },
  { name: 'many-to-many through the junction', q: (db) => db.from('posts').select('id, tags(name)').eq('id', 4).order('name', { referencedTable: 'tags' }), data: [{ id: 4, tags: [{ name: 'cs' }, { name: 'history' }] }] },
  { name: 'nested embedding, three levels', q: (db) => db.from('authors').select('name, posts!author_id(title, comments(body, authors(name)))').eq('id', 2), data: [{ name: 'Brian', posts: [{ title: 'C is for cat', comments: [] }] }] },
  { name: 'deep nesting resolves', q: (db) => db.from('comments').select('body, posts(title, authors!author_id(name))').eq('id', 3), data: [{ body: 'nice', posts: { title: 'Bernoulli numbers', authors: { name: 'Ada' } } }] },
  { name: 'self-reference: the manager (column hint)', q: (db) => db.from('employees').select('name, manager:employees!manager_id(name)').eq('id', 3), data: [{ name: 'Junior', manager: { name: 'Middle' } }] },
  { name: 'self-reference: the reports (FK-name hint)', q: (db) => db.from('employees').select('name, reports:employees!employees_manager_id_fkey(name)').eq('id', 1).order('name', { referencedTable: 'reports' }), data: [{ name: 'Boss', reports: [{ name: 'Middle' }, { name: 'Other' }] }] },
  { name: '!inner drops parents without a match, filters on the embed apply', q: (db) => db.from('posts').select('id, comments!inner(body)').eq('comments.body', 'nice'), data: [{ id: 2, comments: [{ body: 'nice' }] }] },
  { name: 'without !inner an embed filter only filters the embed', q: (db) => db.from('posts').select('id, comments(body)').eq('comments.body', 'nice').in('id', [1, 2]).order('id'), data: [{ id: 1, comments: [] }, { id: 2, comments: [{ body: 'nice' }] }] },
  { name: 'or inside an embedding', q: (db) => db.from('posts').select('id, comments(body)').eq('id', 1).or('body.eq.great,body.eq.nope', { referencedTable: 'comments' }), data: [{ id: 1, comments: [{ body: 'great' }] }] },
  { name: 'spread a to-one embed into the parent', q: (db) => db.from('posts').select('id, ...authors!author_id(author_name:name)').eq('id', 4), data: [{ id: 4, author_name: 'Grace' }] },
  { name: 'unknown relationship is a 400', q: (db) => db.from('posts').select('id, nothing(*)'), error: /Could not find a relationship between 'posts' and 'nothing'/, code: 'PGRST200' },
  // operators
  { name: 'eq', q: (db) => db.from('posts').select('id').eq('title', 'Compilers'), values: [4] },
  { name: 'neq', q: (db) => db.from('posts').select('id').neq('author_id', 1), values: [3, 4, 5] },
  { name: 'gt / lt', q: (db) => db.from('posts').select('id').gt('views', 0).lt('views', 100), values: [3, 4] },
  { name: 'gte / lte on the same column (repeated keys are ANDed)', q: (db) => db.from('posts').select('id').gte('id', 2).lte('id', 3), values: [2, 3] },
  { name: 'like with % and *', q: (db) => db.from('posts').select('id').like('title', '*engine*'), values: [1] },
  { name: 'ilike', q: (db) => db.from('posts').select('id').ilike('title', 'c%'), values: [3, 4] },
  { name: 'like(any)', q: (db) => db.from('posts').select('id').likeAnyOf('title', ['C%', 'N%']), values: [1, 3, 4, 5] },
  { name: 'match (regex)', q: (db) => db.from('posts').select('id').match({ author_id: 3 }).filter('title', 'match', '^Nano'), values: [5] },
  { name: 'imatch', q: (db) => db.from('posts').select('id').filter('title', 'imatch', '^c'), values: [3, 4] },
  { name: 'is null', q: (db) => db.from('posts').select('id').is('views', null), values: [2] },
  { name: 'not is null', q: (db) => db.from('posts').select('id').not('editor_id', 'is', null), values: [1, 3, 5] },
  { name: 'is true / false', q: (db) => db.from('posts').select('id').is('published', false), values: [3, 5] },
  { name: 'isdistinct', q: (db) => db.from('posts').select('id').filter('editor_id', 'isdistinct', '1'), values: [1, 2, 4, 5] },
  { name: 'in', q: (db) => db.from('posts').select('id').in('id', [1, 3, 99]), values: [1, 3] },
  { name: 'in with quoted values containing commas', q: (db) => db.from('posts').select('id').in('title', ['Compilers', 'a, b']), values: [4] },
  { name: 'not in', q: (db) => db.from('posts').select('id').not('id', 'in', '(1,2,3)'), values: [4, 5] },
  { name: 'cs on an array', q: (db) => db.from('posts').select('id').contains('tags', ['math']), values: [1, 2] },
  { name: 'cd on an array', q: (db) => db.from('posts').select('id').containedBy('tags', ['math', 'history']), values: [1, 2, 4, 5] },
  { name: 'ov on an array', q: (db) => db.from('posts').select('id').overlaps('tags', ['cats', 'history']), values: [1, 3, 4] },
  { name: 'cs on jsonb', q: (db) => db.from('posts').select('id').contains('meta', { kind: 'note' }), values: [2, 3] },
  { name: 'cd on jsonb', q: (db) => db.from('posts').select('id').containedBy('meta', { kind: 'talk', extra: 1 }), values: [5] },
  { name: 'range operators: sl, sr, nxl, nxr, adj, ov', q: (db) => db.from('posts').select('id').rangeLt('during', '[20,30)'), values: [1, 2, 3] },
  { name: 'range sr', q: (db) => db.from('posts').select('id').rangeGt('during', '[6,9)'), values: [3, 5] },
  { name: 'range nxl (&>)', q: (db) => db.from('posts').select('id').rangeGte('during', '[10,11)'), values: [3, 5] },
  { name: 'range nxr (&<)', q: (db) => db.from('posts').select('id').rangeLte('during', '[1,6)'), values: [1] },
  { name: 'range adj', q: (db) => db.from('posts').select('id').rangeAdjacent('during', '[20,30)'), values: [3, 5] },
  { name: 'range ov', q: (db) => db.from('posts').select('id').overlaps('during', '[4,6)'), values: [1, 2] },
  { name: 'fts (plain), with a config', q: (db) => db.from('posts').select('id').textSearch('search', 'engine', { config: 'english', type: 'plain' }), values: [1, 2] },
  { name: 'phrase search', q: (db) => db.from('posts').select('id').textSearch('search', 'analytical engine', { type: 'phrase' }), values: [1] },
  { name: 'websearch', q: (db) => db.from('posts').select('id').textSearch('search', 'engine -program', { type: 'websearch' }), values: [1] },
  { name: 'JSON path filter, ->> compared as number', q: (db) => db.from('posts').select('id').gt('meta->>stars', 2), values: [1, 2] },
  { name: 'JSON path equality', q: (db) => db.from('posts').select('id').eq('meta->>kind', 'note'), values: [2, 3] },
  { name: 'or', q: (db) => db.from('posts').select('id').or('id.eq.1,views.gte.50'), values: [1, 4] },
  { name: 'nested and inside or', q: (db) => db.from('posts').select('id').or('id.eq.1,and(published.is.false,views.gt.5)'), values: [1, 3] },
  { name: 'two or groups are ANDed', q: (db) => db.from('posts').select('id').or('id.eq.1,id.eq.2').or('views.is.null,views.gt.50'), values: [1, 2] },
  { name: 'not on or-trees and on single filters combine', q: (db) => db.from('posts').select('id').or('id.eq.1,id.eq.2,id.eq.3').not('id', 'eq', 3), values: [1, 2] },
  { name: 'quoted value with a comma in or', q: (db) => db.from('posts').select('id').or('body.eq."a wire 30 cm long: 100% fun",id.eq.1'), values: [1, 5] },
  // order and paging
  { name: 'order desc nullslast (the SDK always sends the nulls suffix)', q: (db) => db.from('posts').select('id').order('views', { ascending: false, nullsFirst: false }), ordered: [1, 4, 3, 5, 2] },
  { name: 'order asc nullsfirst', q: (db) => db.from('posts').select('id').order('views', { ascending: true, nullsFirst: true }), ordered: [2, 5, 3, 4, 1] },
  { name: 'several order terms', q: (db) => db.from('posts').select('id').order('author_id').order('id', { ascending: false }), ordered: [2, 1, 3, 5, 4] },
  { name: 'order by a JSON path', q: (db) => db.from('posts').select('id').not('meta->stars', 'is', null).order('meta->stars'), ordered: [3, 2, 1] },
  { name: 'range (offset + limit)', q: (db) => db.from('posts').select('id').order('id').range(1, 2), ordered: [2, 3] },
  { name: 'limit', q: (db) => db.from('posts').select('id').order('id').limit(2), ordered: [1, 2] },
  { name: 'no limit means the default page size (1000)', q: (db) => db.from('numbers').select('n'), field: 'n', count: undefined, data: undefined as never },
  // single / maybeSingle / head / count
  { name: 'single() gets an object', q: (db) => db.from('authors').select('name').eq('id', 2).single(), data: { name: 'Brian' } },
  { name: 'single() on no rows is an error', q: (db) => db.from('authors').select('name').eq('id', 99).single(), error: /multiple \(or no\) rows/, code: 'PGRST116' },
  { name: 'maybeSingle() on no rows is null', q: (db) => db.from('authors').select('name').eq('id', 99).maybeSingle(), data: null },
  { name: 'count exact with head', q: (db) => db.from('posts').select('*', { count: 'exact', head: true }).eq('published', true), count: 3, data: null },
  { name: 'count exact with rows', q: (db) => db.from('posts').select('id', { count: 'exact' }).order('id').limit(2), count: 5, ordered: [1, 2] },
  { name: 'count planned is the planner estimate (a number)', q: (db) => db.from('numbers').select('n', { count: 'planned', head: true }) },
  { name: 'count estimated small is exact', q: (db) => db.from('numbers').select('n', { count: 'estimated', head: true }).lte('n', 10), count: 10 },
  // schemas and roles
  { name: 'another schema through Accept-Profile', q: (db) => db.schema('inventory').from('widgets').select('label'), data: [{ label: 'sprocket' }] },
  { name: 'anon reads what anon is granted', as: 'anon', q: (db) => db.from('authors').select('id').eq('id', 1), data: [{ id: 1 }] },
  { name: 'no grant: 403 with the GRANT to add', q: (db) => db.from('secrets').select(), error: /permission denied for table secrets/, code: '42501' },
  { name: 'unknown table: 404', q: (db) => db.from('nope').select(), error: /Table 'public.nope' not found/ },
  { name: 'unknown column: 400 naming it', q: (db) => db.from('posts').select('id, titel'), error: /column "titel" does not exist/, code: '42703' },
  { name: 'unknown filter column: 400 naming it', q: (db) => db.from('posts').select('id').eq('nope', 1), error: /column "nope" does not exist/ },
  { name: 'bad operator: 400 naming it', q: (db) => db.from('posts').select('id').filter('id', 'almost', '1'), error: /unknown operator "almost"/ },
  { name: 'malformed value: 400 naming the type', q: (db) => db.from('posts').select('id').eq('id', 'abc'), error: /invalid input syntax for type integer: "abc"/, code: '22P02' },
  { name: 'bad order option: 400', q: (db) => db.from('posts').select('id').order('id.sideways' as 'id'), error: /unknown order option|does not exist/ },
  { name: 'views are readable', q: (db) => db.from('published_posts').select('id').order('id'), ordered: [1, 2, 4] },
  { name: 'embedding from a simple view (FKs of its table)', q: (db) => db.from('published_posts').select('id, authors(name)').order('id').limit(2), data: [{ id: 1, authors: { name: 'Ada' } }, { id: 2, authors: { name: 'Ada' } }] },
  { name: 'embedding a simple view as children', q: (db) => db.from('authors').select('name, published_posts(id)').eq('id', 3), data: [{ name: 'Grace', published_posts: [{ id: 4 }] }] },
]

describe('reads through @supabase/postgrest-js', () => {
  for (const s of READS) {
    if (s.name.startsWith('no limit')) {
      it(s.name, async () => {
        const res = (await clients.get('alice')!.from('numbers').select('n')) as ClientResult
        expect((res.data as unknown[]).length).toBe(1000)
        const capped = (await clients.get('alice')!.from('numbers').select('n').limit(5000)) as ClientResult
        expect((capped.data as unknown[]).length).toBe(1000)
      })
      continue
    }
    if (s.name.startsWith('count planned')) {
      it(s.name, async () => {
        const res = (await s.q(clients.get('alice')!)) as ClientResult
        expect(res.error).toBeNull()
        expect(res.count).toBeGreaterThan(900)
        expect(res.count).toBeLessThan(1500)
      })
      continue
    }
    it(s.name, () => runClient(s))
  }
})

const T = '/api/v1/tables'

const FLUXBASE: Scenario[] = [
  { name: 'count= as a query parameter, Content-Range start-end/total', as: 'alice', path: `${T}/posts?select=id&order=id&offset=1&limit=2&count=exact`, expect: { status: 200, field: 'id', ordered: [2, 3], headers: { 'content-range': '1-2/5' } } },
  { name: 'no rows: */total', as: 'alice', path: `${T}/posts?select=id&id=gt.100&count=exact`, expect: { status: 200, body: [], headers: { 'content-range': '*/0' } } },
  { name: 'no count: total is *', as: 'alice', path: `${T}/posts?select=id&limit=2&order=id`, expect: { status: 200, headers: { 'content-range': '0-1/*', etag: /^W\/"/ } } },
  { name: 'count estimated on a big page uses the estimate, floored at what was seen', as: 'alice', path: `${T}/numbers?select=n&limit=3&count=estimated`, expect: { status: 200, headers: { 'content-range': /^0-2\/\d{4}$/ } } },
  { name: 'group_by with aggregates: SELECT groupcols, aggs … GROUP BY … ORDER BY … LIMIT', as: 'alice', path: `${T}/posts?select=count(*),sum(views),max(score)&group_by=author_id&order=author_id`, expect: { status: 200, body: [{ author_id: 1, count: 2, sum_views: 100, max_score: 4.5 }, { author_id: 2, count: 1, sum_views: 10, max_score: null }, { author_id: 3, count: 2, sum_views: 50, max_score: 5.0 }] } },
  { name: 'count(*) alone (the SDK reads data[0].count)', as: 'alice', path: `${T}/posts?select=count(*)&published=is.true`, expect: { status: 200, body: [{ count: 3 }] } },
  { name: 'aggregate with alias and avg', as: 'alice', path: `${T}/posts?select=published,n:count(*),avg_views:avg(views)::int&order=published`, expect: { status: 200, body: [{ published: false, n: 2, avg_views: 5 }, { published: true, n: 3, avg_views: 75 }] } },
  { name: 'truncate shortens text columns', as: 'alice', path: `${T}/posts?select=id,title&id=eq.1&truncate=5`, expect: { status: 200, body: [{ id: 1, title: 'Notes' }] } },
  { name: 'dot-less parameters are ignored', as: 'alice', path: `${T}/posts?select=id&foo=bar&id=eq.1`, expect: { status: 200, body: [{ id: 1 }] } },
  { name: 'schema in the path', as: 'alice', path: `${T}/inventory/widgets`, expect: { status: 200, body: [{ id: 1, label: 'sprocket' }] } },
  { name: 'by-id route', as: 'alice', path: `${T}/public/authors/2?select=name`, expect: { status: 200, body: { name: 'Brian' } } },
  { name: 'by-id route, missing row: 404', as: 'alice', path: `${T}/public/authors/99`, expect: { status: 404 } },
  {
    name: 'POST …/query: the long-query fallback',
    as: 'alice', method: 'POST', path: `${T}/posts/query`,
    body: { select: 'id,title', filters: [{ column: 'author_id', operator: 'in', value: [1, 3] }], orFilters: ['views.gte.50,views.is.null'], order: [{ column: 'id', direction: 'desc' }], limit: 2, offset: 0, count: 'exact' },
    expect: { status: 200, field: 'id', ordered: [4, 2], headers: { 'content-range': '0-1/3' } },
  },
  { name: 'POST …/query with between and groupBy', as: 'alice', method: 'POST', path: `${T}/posts/query`, body: { select: 'count(*)', betweenFilters: [{ column: 'id', min: 2, max: 4 }], groupBy: ['published'], order: [{ column: 'published' }] }, expect: { status: 200, body: [{ published: false, count: 1 }, { published: true, count: 2 }] } },
  { name: 'GET /tables/ lists tables for the service role', as: 'service', path: `${T}/`, expect: { status: 200 } },
  { name: 'GET /tables/ is refused to users', as: 'alice', path: `${T}/`, expect: { status: 403 } },
  { name: 'not.or= negates a whole tree', as: 'alice', path: `${T}/posts?select=id&not.or=(id.eq.1,id.eq.2)&order=id`, expect: { status: 200, field: 'id', ordered: [3, 4, 5] } },
  { name: 'embedded not.and and nested or', as: 'alice', path: `${T}/posts?select=id,comments(id)&id=eq.1&comments.not.and=(id.gt.1,id.lt.3)`, expect: { status: 200, body: [{ id: 1, comments: [{ id: 1 }] }] } },
  { name: 'no credentials: 401', as: 'alice', path: `${T}/posts`, headers: { Authorization: '' }, expect: { status: 401, error: /Authentication required/ } },
  { name: 'the apikey header alone grants nothing', as: 'alice', path: `${T}/posts`, headers: { Authorization: '', apikey: 'anything' }, expect: { status: 401 } },
  { name: 'a bad token: 401', as: 'alice', path: `${T}/posts`, headers: { Authorization: 'Bearer not.a.jwt' }, expect: { status: 401, error: /Invalid or expired Bearer token/ } },
  { name: 'embedded filter on a path that is not embedded: 400', as: 'alice', path: `${T}/posts?select=id&comments.body=eq.x`, expect: { status: 400, error: /'comments' is not an embedded resource/ } },
  { name: 'aggregates with * are refused', as: 'alice', path: `${T}/posts?select=*,count(*)`, expect: { status: 400, error: /aggregates cannot be combined with "\*"/ } },
  { name: 'cast to an unknown type: 400', as: 'alice', path: `${T}/posts?select=id::nosuchtype`, expect: { status: 400, error: /unknown type "nosuchtype"/ } },
]

const WRITES: Scenario[] = [
  { name: 'insert an object: 201 and one object (Fluxbase shape)', as: 'alice', method: 'POST', path: `${T}/items`, body: { sku: 'a-1', name: 'Anvil' }, expect: { status: 201, match: { sku: 'a-1', name: 'Anvil', qty: 0, price: 9.99 }, headers: { 'content-range': '*/1', 'x-affected-count': '1' } } },
  { name: 'insert an array: 201 and an array, in one statement', as: 'alice', method: 'POST', path: `${T}/items?select=sku,qty`, body: [{ sku: 'b-1', qty: 1 }, { sku: 'b-2', qty: 2 }], expect: { status: 201, body: [{ sku: 'b-1', qty: 1 }, { sku: 'b-2', qty: 2 }], headers: { 'content-range': '*/2' } } },
  { name: 'batch columns come from the first row; missing keys are NULL', as: 'alice', method: 'POST', path: `${T}/items?select=sku,name`, body: [{ sku: 'c-1', name: 'x' }, { sku: 'c-2' }], expect: { status: 201, body: [{ sku: 'c-1', name: 'x' }, { sku: 'c-2', name: null }] } },
  { name: 'Prefer missing=default: missing keys take the default', as: 'alice', method: 'POST', path: `${T}/items?select=sku,qty,price&columns=sku,qty`, headers: { Prefer: 'missing=default' }, body: [{ sku: 'd-1', qty: 5 }, { sku: 'd-2' }], expect: { status: 201, body: [{ sku: 'd-1', qty: 5, price: 9.99 }, { sku: 'd-2', qty: 0, price: 9.99 }] } },
  { name: 'return=minimal: empty body', as: 'alice', method: 'POST', path: `${T}/items`, headers: { Prefer: 'return=minimal' }, body: [{ sku: 'e-1' }], expect: { status: 201, body: undefined, headers: { 'x-affected-count': '1' } } },
  { name: 'return=headers-only: {affected}', as: 'alice', method: 'POST', path: `${T}/items`, headers: { Prefer: 'return=headers-only' }, body: [{ sku: 'e-2' }, { sku: 'e-3' }], expect: { status: 201, body: { affected: 2 } } },
  { name: 'return=representation: PostgREST\'s array even for one object', as: 'alice', method: 'POST', path: `${T}/items?select=sku`, headers: { Prefer: 'return=representation' }, body: { sku: 'e-4' }, expect: { status: 201, body: [{ sku: 'e-4' }] } },
  { name: 'unknown column: 400 "Unknown column: x"', as: 'alice', method: 'POST', path: `${T}/items`, body: { sku: 'z', colour: 'red' }, expect: { status: 400, error: /^Unknown column: colour$/ } },
  { name: 'duplicate key: 409', as: 'alice', method: 'POST', path: `${T}/items`, body: { sku: 'a-1' }, expect: { status: 409, error: /duplicate key/, match: { code: '23505' } } },
  { name: 'NOT NULL violation: 400', as: 'alice', method: 'POST', path: `${T}/items`, body: { name: 'no sku' }, expect: { status: 400, match: { code: '23502' } } },
  { name: 'CHECK violation: 400', as: 'alice', method: 'POST', path: `${T}/items`, body: { sku: 'neg', qty: -1 }, expect: { status: 400, match: { code: '23514' } } },
  { name: 'FK violation: 409', as: 'alice', method: 'POST', path: `${T}/comments`, body: { id: 50, post_id: 999, body: 'x' }, expect: { status: 409, match: { code: '23503' } } },
  { name: 'invalid JSON body: 400', as: 'alice', method: 'POST', path: `${T}/items`, headers: { 'Content-Type': 'application/json' }, body: undefined, expect: { status: 400 } },
  { name: 'insert with an embedded select of the new row', as: 'alice', method: 'POST', path: `${T}/comments?select=body,posts(title)`, body: { id: 60, post_id: 4, author_id: 1, body: 'embedded' }, expect: { status: 201, body: { body: 'embedded', posts: { title: 'Compilers' } } } },
  { name: 'upsert merge-duplicates on the PK', as: 'alice', method: 'POST', path: `${T}/tags?select=id,name`, headers: { Prefer: 'resolution=merge-duplicates' }, body: [{ id: 3, name: 'computing' }, { id: 4, name: 'new' }], expect: { status: 201, body: [{ id: 3, name: 'computing' }, { id: 4, name: 'new' }] } },
  { name: 'upsert ignore-duplicates', as: 'alice', method: 'POST', path: `${T}/tags?select=id,name`, headers: { Prefer: 'resolution=ignore-duplicates' }, body: [{ id: 3, name: 'ignored' }, { id: 5, name: 'five' }], expect: { status: 201, body: [{ id: 5, name: 'five' }] } },
  { name: 'upsert on_conflict a unique column', as: 'alice', method: 'POST', path: `${T}/items?on_conflict=sku&select=sku,qty`, headers: { Prefer: 'resolution=merge-duplicates' }, body: { sku: 'a-1', qty: 42 }, expect: { status: 201, body: { sku: 'a-1', qty: 42 } } },
  { name: 'upsert without a unique target: 400', as: 'alice', method: 'POST', path: `${T}/items?on_conflict=name`, headers: { Prefer: 'resolution=merge-duplicates' }, body: { sku: 'q', name: 'x' }, expect: { status: 400, match: { code: '42P10' } } },
  { name: 'update returns an array', as: 'alice', method: 'PATCH', path: `${T}/items?sku=like.b-*&select=sku,qty`, body: { qty: 7 }, expect: { status: 200, body: [{ sku: 'b-1', qty: 7 }, { sku: 'b-2', qty: 7 }] } },
  { name: 'update with an empty body: 400', as: 'alice', method: 'PATCH', path: `${T}/items?sku=eq.b-1`, body: {}, expect: { status: 400 } },
  { name: 'update return=minimal: 204', as: 'alice', method: 'PATCH', path: `${T}/items?sku=eq.b-1`, headers: { Prefer: 'return=minimal' }, body: { qty: 8 }, expect: { status: 204 } },
  { name: 'delete requires a filter', as: 'alice', method: 'DELETE', path: `${T}/items`, expect: { status: 400, error: /requires a filter/ } },
  { name: 'delete returns {affected, records}', as: 'alice', method: 'DELETE', path: `${T}/items?sku=in.(e-1,e-2)&select=sku`, expect: { status: 200, body: { affected: 2, records: [{ sku: 'e-1' }, { sku: 'e-2' }] } } },
  { name: 'by-id update and delete', as: 'alice', method: 'PATCH', path: `${T}/public/tags/5?select=name`, body: { name: 'FIVE' }, expect: { status: 200, body: { name: 'FIVE' } } },
  { name: 'writing a non-updatable view: 405', as: 'alice', method: 'POST', path: `${T}/author_stats`, body: { author_id: 1 }, expect: { status: 405 } },
  { name: 'writing an updatable view works', as: 'alice', method: 'PATCH', path: `${T}/published_posts?id=eq.4&select=title`, body: { title: 'Compilers!' }, expect: { status: 200, body: [{ title: 'Compilers!' }] } },
  { name: 'generated columns cannot be written', as: 'alice', method: 'PATCH', path: `${T}/posts?id=eq.1`, body: { search: 'x' }, expect: { status: 400, error: /generated/ } },
  { name: 'Prefer tx=rollback: the write is answered, then undone', as: 'alice', method: 'POST', path: `${T}/items?select=sku`, headers: { Prefer: 'tx=rollback' }, body: { sku: 'rolled' }, expect: { status: 201, body: { sku: 'rolled' }, db: { sql: "SELECT count(*)::int AS n FROM items WHERE sku = 'rolled'", rows: [{ n: 0 }] } } },
]

describe('Fluxbase shapes through fetch', () => {
  for (const s of FLUXBASE) it(s.name, () => runScenario(rt, token, s))
})

describe.sequential('writes', () => {
  for (const s of WRITES) it(s.name, () => runScenario(rt, token, s))

  it('postgrest-js insert().select().single(), update().select(), upsert() and delete()', async () => {
    const db = clients.get('alice')!
    const ins = (await db.from('items').insert({ sku: 'pj-1', qty: 1 }).select('sku, qty').single()) as ClientResult
    expect(ins).toMatchObject({ error: null, status: 201, data: { sku: 'pj-1', qty: 1 } })
    // Without defaultToNull: false a missing key is NULL (contract §1.6), which qty refuses…
    const nulls = (await db.from('items').insert([{ sku: 'pj-2' }, { sku: 'pj-3', qty: 3 }]).select('sku, qty')) as ClientResult
    expect(nulls).toMatchObject({ status: 400, error: { code: '23502' } })
    // …with it, postgrest-js sends Prefer: missing=default and the column default applies.
    const bulk = (await db.from('items').insert([{ sku: 'pj-2' }, { sku: 'pj-3', qty: 3 }], { defaultToNull: false }).select('sku, qty')) as ClientResult
    expect(bulk.data).toEqual([{ sku: 'pj-2', qty: 0 }, { sku: 'pj-3', qty: 3 }])
    const upd = (await db.from('items').update({ qty: 9 }).in('sku', ['pj-1', 'pj-3']).select('sku, qty')) as ClientResult
    expect(upd.data).toEqual([{ sku: 'pj-1', qty: 9 }, { sku: 'pj-3', qty: 9 }])
    const ups = (await db.from('items').upsert({ sku: 'pj-1', qty: 10 }, { onConflict: 'sku' }).select('sku, qty')) as ClientResult
    expect(ups.data).toEqual([{ sku: 'pj-1', qty: 10 }])
    const del = (await db.from('items').delete({ count: 'exact' }).like('sku', 'pj-%').select('sku')) as ClientResult
    expect(del).toMatchObject({ error: null, count: 3 })
  })
})

describe('schema cache', () => {
  it('a table created outside the API is queryable within a second, without a restart', async () => {
    await rt.admin.query('CREATE TABLE made_in_psql (id int PRIMARY KEY, v text); GRANT SELECT ON made_in_psql TO authenticated; INSERT INTO made_in_psql VALUES (1, \'hi\')')
    const started = Date.now()
    const res = await rt.api(`${T}/made_in_psql?select=v`, { token: await token('alice') })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual([{ v: 'hi' }])
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('the watcher reloads by itself after ALTER TABLE (no request needed)', async () => {
    const store = await schemaStoreFor(rt.ctx)
    const hasExtra = () => store.current().relations.get('public\u0000made_in_psql')?.columnsByName.has('extra') ?? false
    expect(hasExtra()).toBe(false)
    await rt.admin.query('ALTER TABLE made_in_psql ADD COLUMN extra int DEFAULT 5')
    const started = Date.now()
    while (!hasExtra() && Date.now() - started < 1000) await new Promise((r) => setTimeout(r, 10))
    expect(hasExtra()).toBe(true)
    const res = await rt.api(`${T}/made_in_psql?select=extra`, { token: await token('alice') })
    expect(await res.json()).toEqual([{ extra: 5 }])
  })
})
