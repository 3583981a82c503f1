// test/integration/project/types-export.test.ts — GET|POST /api/v1/admin/schema/typescript against the real runtime and
// the schema corpus: who may call it and upstream's defaults; the file compiles under --strict; a postgrest-js app
// typed with its DatabaseSchema compiles and rejects wrong columns and types; every Row type accepts what the REST API
// really sends for that table or view (and a deliberately wrong type does not).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { compileTs } from '../../helpers/compile-ts.js'
import { CORPUS_ROWS_SQL, CORPUS_SQL } from './types-corpus.js'

const PATH = '/api/v1/admin/schema/typescript'
const BOTH = { schemas: ['public', 'Billing Dept'], include_functions: true, include_views: true }

let rt: TestRuntime
let generated: string

async function exportTypes(body: unknown): Promise<string> {
  const res = await rt.api(PATH, { method: 'POST', body: JSON.stringify(body) })
  expect(res.status).toBe(200)
  return ((await res.json()) as { typescript: string }).typescript
}

beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(CORPUS_SQL)
  await rt.admin.query(CORPUS_ROWS_SQL)
  generated = await exportTypes(BOTH)
})

afterAll(async () => {
  await rt?.stop()
})

describe('the export endpoint', () => {
  it('is for the service role only', async () => {
    expect((await fetch(rt.info.apiUrl + PATH)).status).toBe(401)
    expect((await rt.api(PATH, { token: rt.info.anonKey })).status).toBe(403)
    const user = await rt.signToken({ sub: '7f1c2a52-5b1e-4c1a-9d43-5f2a4b7c9e10', role: 'authenticated' })
    const res = await rt.api(PATH, { token: user })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { error: string }).error).toMatch(/service role/)
  })

  it('answers a GET with the file as text/plain, views and functions included', async () => {
    const res = await rt.api(PATH)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(res.headers.get('content-disposition')).toMatch(/filename="types\.ts"/)
    const text = await res.text()
    expect(text).toContain('export interface PostsRow {')
    expect(text).toContain('export interface PostSummariesRow {')
    expect(text).toContain('export interface AddNumbersArgs {')
    expect(text).not.toContain('BillingDept')
  })

  it('answers JSON to a GET that accepts it, and to every POST', async () => {
    const get = await rt.api(`${PATH}?schemas=public,Billing%20Dept`, { headers: { Accept: 'application/json' } })
    expect(get.headers.get('content-type')).toMatch(/application\/json/)
    expect(((await get.json()) as { schemas: string[] }).schemas).toEqual(['public', 'Billing Dept'])
    const explicit = await rt.api(PATH, { method: 'POST', body: '{}' })
    const body = (await explicit.json()) as { typescript: string; schemas: string[] }
    expect(body.schemas).toEqual(['public'])
    // An explicit body leaves views and functions out unless it asks for them (upstream's defaults).
    expect(body.typescript).toContain('export interface PostsRow {')
    expect(body.typescript).not.toContain('PostSummariesRow')
    expect(body.typescript).not.toContain('AddNumbersArgs')
    // No body, or one that does not parse, gets everything.
    for (const raw of [undefined, 'not json']) {
      const res = await rt.api(PATH, { method: 'POST', body: raw, headers: raw ? { 'Content-Type': 'application/json' } : {} })
      const all = (await res.json()) as { typescript: string }
      expect(all.typescript).toContain('PostSummariesRow')
      expect(all.typescript).toContain('AddNumbersArgs')
    }
  })

  it('names what is wrong in a request', async () => {
    const missing = await rt.api(PATH, { method: 'POST', body: JSON.stringify({ schemas: ['public', 'nope'] }) })
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { error: string }).error).toMatch(/"nope"/)
    const bad = await rt.api(PATH, { method: 'POST', body: JSON.stringify({ schemas: 5 }) })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/schemas/)
    const flag = await rt.api(PATH, { method: 'POST', body: JSON.stringify({ include_views: 'yes' }) })
    expect(flag.status).toBe(400)
    expect(((await flag.json()) as { error: string }).error).toMatch(/include_views/)
  })
})

describe('the generated file', () => {
  it('compiles under --strict', () => {
    expect(compileTs({ 'types.ts': generated })).toEqual([])
  })

  it('types a postgrest-js app: embedded relations compile, wrong columns and types do not', () => {
    const app = `
import { PostgrestClient } from '@supabase/postgrest-js'
import type { DatabaseSchema, PostsInsert, AddNumbersArgs, AddNumbersReturn } from './types'
const db = new PostgrestClient<DatabaseSchema>('http://127.0.0.1:8080/api/v1/tables')
export async function app() {
  const { data: posts } = await db.from('posts').select('id, title, views, author:authors(name, mood)')
  const title: string = posts![0].title
  const views: number = posts![0].views
  const author: string = posts![0].author.name
  const mood: 'sad' | 'ok' | 'happy' | 'it\\'s "complicated"' = posts![0].author.mood
  const { data: authors } = await db.from('authors').select('name, posts(title), profiles(bio)')
  const titles: string[] = authors![0].posts.map((p) => p.title)
  const { data: summaries } = await db.from('post_summaries').select('author_name, body')
  const name: string = summaries![0].author_name
  const body: string | null = summaries![0].body
  await db.from('posts').insert({ author_id: 1, title: 'x' })
  const insert: PostsInsert = { author_id: 1, title: 'y', tags: ['a', null] }
  const args: AddNumbersArgs = { a: 1 }
  const sum: AddNumbersReturn = 2
  // @ts-expect-error: no such column
  await db.from('posts').insert({ author_id: 1, title: 'x', nope: 1 })
  // @ts-expect-error: author_id is a number
  await db.from('posts').insert({ author_id: 'one', title: 'x' })
  // @ts-expect-error: title is required
  await db.from('posts').insert({ author_id: 1 })
  // @ts-expect-error: slug is generated, never written
  await db.from('posts').insert({ author_id: 1, title: 'x', slug: 'x' })
  // @ts-expect-error: authors.id is GENERATED ALWAYS AS IDENTITY
  await db.from('authors').insert({ name: 'x', score: 1, id: 5 })
  // @ts-expect-error: score's domain is NOT NULL, so it is required
  await db.from('authors').insert({ name: 'x' })
  // @ts-expect-error: not a label of the enum
  await db.from('authors').update({ mood: 'angry' }).eq('id', 1)
  // @ts-expect-error: title is a string
  const wrong: number = posts![0].title
  return [title, views, author, mood, titles, name, body, insert, args, sum, wrong]
}
`
    expect(compileTs({ 'types.ts': generated, 'app.ts': app })).toEqual([])
  })

  it('types every table and view as the REST API sends its rows', async () => {
    const relations: Array<[schema: string, name: string, row: string]> = []
    for (const m of generated.matchAll(/^\/\*\* (.+?)\.(.+?)(?: — .*)? \*\/\nexport interface (\w+Row) \{/gm)) relations.push([m[1], m[2], m[3]])
    expect(relations.map((r) => r[2]).sort()).toEqual([
      'AllTypesRow', 'AuthorStatsRow', 'AuthorsRow', 'BillingDeptInvoiceLinesRow', 'MoodCountsRow', 'PostSummariesRow', 'PostsRow',
      'PostsWithBiosRow', 'ProfilesRow', 'SimplePostsRow', 'SimpleTitlesRow',
    ])
    const lines: string[] = [`import type { ${relations.map((r) => r[2]).join(', ')} } from './types'`]
    for (const [schema, name, row] of relations) {
      const res = await rt.api(`/api/v1/tables/${encodeURIComponent(schema)}/${encodeURIComponent(name)}`)
      expect(res.status, `${schema}.${name}`).toBe(200)
      const text = await res.text()
      expect((JSON.parse(text) as unknown[]).length, `${schema}.${name} has rows`).toBeGreaterThan(0)
      // The response as a literal of the declared type: a wrong type, a missing or an extra column fails to compile.
      lines.push(`export const ${row.slice(0, -3)}: ${row}[] = ${text}`)
    }
    const check = lines.join('\n')
    expect(compileTs({ 'types.ts': generated, 'rows.ts': check })).toEqual([])
    // The check can fail: money is sent as a string, so typing it as a number must not compile.
    const wrong = generated.replace('c_money: string | null', 'c_money: number | null')
    expect(compileTs({ 'types.ts': wrong, 'rows.ts': check }).join('\n')).toMatch(/rows\.ts:\d+: .*not assignable/)
  })
})
