// The table browser's key catalog: every table's primary key (in key order) and NOT NULL columns, one query.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  await rt.admin.query(`CREATE TABLE members (org int, "user" text, role text NOT NULL, note text, PRIMARY KEY ("user", org));
    CREATE TABLE loose (a int, b text);
    CREATE VIEW member_roles AS SELECT org, role FROM members;`)
})
afterAll(async () => rt?.stop())

const studio = (p: string, token = rt.info.studioToken) => fetch(`${rt.info.apiUrl}${p}`, { headers: { Authorization: `Bearer ${token}` } })

it('lists primary keys in key order and NOT NULL columns, for tables and views', async () => {
  const { keys } = await (await studio('/studio/api/meta/table-keys')).json()
  const find = (name: string) => keys.find((k: { schema: string; name: string }) => k.schema === 'public' && k.name === name)
  expect(find('members')).toEqual({ schema: 'public', name: 'members', primary_key: ['user', 'org'], not_null: ['org', 'user', 'role'] })
  expect(find('loose')).toEqual({ schema: 'public', name: 'loose', primary_key: [], not_null: [] })
  expect(find('member_roles')).toMatchObject({ primary_key: [] })
  expect(keys.some((k: { schema: string }) => k.schema === 'pg_catalog')).toBe(false)
})

it('needs the studio token', async () => {
  expect((await studio('/studio/api/meta/table-keys', 'nope')).status).toBe(401)
})
