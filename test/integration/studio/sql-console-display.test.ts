// What the SQL console's terminal needs to print like psql: PostgreSQL's whole command tags, and every value that
// JSON cannot carry exactly (timestamps, intervals, numerics, arrays, bigints) as PostgreSQL's own text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
})
afterAll(async () => rt?.stop())

async function sql(text: string) {
  const res = await fetch(`${rt.info.apiUrl}/studio/api/sql`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ sql: text }),
  })
  expect(res.status).toBe(200)
  return res.json()
}

describe('SQL console display', () => {
  it('returns the whole command tag of every statement', async () => {
    const body = await sql(`CREATE TABLE tags_t (id int PRIMARY KEY, v text);
      INSERT INTO tags_t VALUES (1, 'a'), (2, 'b');
      UPDATE tags_t SET v = 'c' WHERE id = 1;
      INSERT INTO tags_t VALUES (3, NULL) RETURNING id;
      SELECT * FROM tags_t;
      DELETE FROM tags_t;
      DROP TABLE tags_t;`)
    expect(body.error).toBeUndefined()
    expect(body.results.map((r: { tag: string }) => r.tag)).toEqual(['CREATE TABLE', 'INSERT 0 2', 'UPDATE 1', 'INSERT 0 1', 'SELECT 3', 'DELETE 3', 'DROP TABLE'])
    expect(body.results[3].rows).toEqual([[3]])
  })

  it("keeps PostgreSQL's text for types JSON cannot carry exactly, and parses the rest", async () => {
    const body = await sql(`SET TIME ZONE 'UTC';
      SELECT timestamptz '2024-05-01 10:00:00.5+00' AS ts, date '2024-05-01' AS d, interval '1 day 02:00' AS iv,
             12345678901234567::bigint AS big, 1.50::numeric AS num, ARRAY[1,2,NULL] AS arr, ARRAY['a b','c'] AS txt,
             true AS b, 42 AS i, 1.5::float8 AS f, '{"a": [1, 2]}'::jsonb AS j, '\\x0102'::bytea AS bin, NULL::text AS n, '' AS empty`)
    expect(body.error).toBeUndefined()
    expect(body.results[1].rows[0]).toEqual([
      '2024-05-01 10:00:00.5+00',
      '2024-05-01',
      '1 day 02:00:00',
      '12345678901234567',
      '1.50',
      '{1,2,NULL}',
      '{"a b",c}',
      true,
      42,
      1.5,
      { a: [1, 2] },
      '\\x0102',
      null,
      '',
    ])
  })

  it('has no tags it cannot pair when a statement is empty, and still returns the results', async () => {
    const body = await sql('SELECT 1; ; SELECT 2')
    expect(body.error).toBeUndefined()
    expect(body.results.map((r: { rows: unknown[][] }) => r.rows)).toContainEqual([[2]])
  })

  it("does not pass on the clean-up's own warnings after an error, and keeps the user's notices", async () => {
    const failed = await sql('SELECT nope')
    expect(failed.error.message).toContain('column "nope" does not exist')
    expect(failed.notices).toEqual([])
    const noisy = await sql("DO $$ BEGIN RAISE NOTICE 'before'; END $$; SELECT 1/0")
    expect(noisy.error.message).toContain('division by zero')
    expect(noisy.notices).toEqual(['NOTICE:  before'])
  })
})

describe('psql meta-commands and the search path', () => {
  it('lists only what the search path shows unless a schema is named, like psql', async () => {
    await sql('CREATE TABLE visible_t (id int); CREATE FUNCTION visible_f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$')
    const names = (body: { results: Array<{ rows: string[][] }> }) => body.results[0].rows.map((r) => `${r[0]}.${r[1]}`)
    const dt = names(await sql('\\dt'))
    expect(dt).toContain('public.visible_t')
    expect(dt.some((n) => n.startsWith('auth.'))).toBe(false)
    expect(names(await sql('\\dt auth.*'))).toContain('auth.users')
    expect(names(await sql('\\dt *.*'))).toEqual(expect.arrayContaining(['auth.users', 'public.visible_t']))
    const df = names(await sql('\\df'))
    expect(df).toContain('public.visible_f')
    expect(df.some((n) => n.startsWith('auth.'))).toBe(false)
    expect((await sql('\\d auth.users')).results[0].rows.length).toBeGreaterThan(3)
  })
})
