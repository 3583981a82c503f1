// The silent-filter hint: how many rows RLS hid from one API read, computed on demand through the REST pipeline.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { USERS } from '../../fixtures/guide-rls-verdicts.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
  await post('/studio/api/examples/guide-rls', {})
})
afterAll(async () => rt?.stop())

function post(p: string, body: unknown, identity?: string) {
  return fetch(`${rt.info.apiUrl}${p}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${rt.info.studioToken}`, 'Content-Type': 'application/json', ...(identity ? { 'X-Studio-Identity': identity } : {}) },
    body: JSON.stringify(body),
  })
}

it('counts the rows RLS hid from a read, with its filters', async () => {
  const bob = await rt.signToken({ sub: USERS.bob, role: 'authenticated' })
  const all = await (await post('/studio/api/rls/hidden-count', { path: '/api/v1/tables/guide_own/posts?select=id' }, bob)).json()
  expect(all).toEqual({ total: 3, visible: 1, hidden: 2, message: '2 rows hidden by RLS' })
  const filtered = await (await post('/studio/api/rls/hidden-count', { path: `/api/v1/tables/guide_own/posts?user_id=eq.${USERS.bob}` }, bob)).json()
  expect(filtered).toMatchObject({ total: 1, visible: 1, hidden: 0, message: 'nothing hidden by RLS' })
})

it('reports a refused read (no grant) as everything hidden, with the hint', async () => {
  const res = await (await post('/studio/api/rls/hidden-count', { path: '/api/v1/tables/guide_own/posts' }, rt.info.anonKey)).json()
  expect(res.total).toBe(3)
  expect(res.hidden).toBe(3)
  expect(res.refused.status).toBe(403)
})

it('refuses paths outside the tables API and missing identities', async () => {
  expect((await post('/studio/api/rls/hidden-count', { path: '/api/v1/admin/logs' }, rt.info.anonKey)).status).toBe(400)
  expect((await post('/studio/api/rls/hidden-count', { path: '/api/v1/tables/guide_own/posts' })).status).toBe(400)
})
