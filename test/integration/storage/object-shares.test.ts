// File shares through the SDK's calls: share(path, {userId, permission}) → POST …/{key}/share, listShares(path) →
// GET …/{key}/shares, revokeShare(path, userId) → DELETE …/{key}/share/{userId}. A share lets that one user read the
// file under RLS (download and signed URL); revoking it takes that away. Only the owner manages shares.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { createBucket, storageGet, storageJson, upload } from './storage-helpers.js'

let t: TestRuntime
const alice = crypto.randomUUID()
const bob = crypto.randomUUID()
let aliceToken: string
let bobToken: string

beforeAll(async () => {
  t = await startTestRuntime()
  await createBucket(t, 'private')
  aliceToken = await t.signToken({ sub: alice, role: 'authenticated' })
  bobToken = await t.signToken({ sub: bob, role: 'authenticated' })
  // Users manage files under their own folder (the developer's policies, as the guide writes them).
  await t.admin.query(`CREATE POLICY "own folder" ON storage.objects FOR ALL TO authenticated
    USING ((storage.foldername(name))[1] = auth.uid()::text) WITH CHECK ((storage.foldername(name))[1] = auth.uid()::text)`)
  expect((await upload(t, 'private', `${alice}/report.txt`, 'for bob', { token: aliceToken })).status).toBe(201)
})
afterAll(async () => t?.stop())

describe('share / listShares / revokeShare', () => {
  it('bob cannot read alice\'s file until she shares it, and cannot after she revokes', async () => {
    const key = `private/${alice}/report.txt`
    expect((await storageGet(t, key, bobToken)).status).toBe(404)
    const share = await storageJson(t, 'POST', `${key}/share`, { user_id: bob, permission: 'read' }, aliceToken)
    expect(share.status).toBe(200)
    expect(await (await storageGet(t, key, bobToken)).text()).toBe('for bob')
    const list = await storageGet(t, `${key}/shares`, aliceToken)
    expect(((await list.json()) as { shares: unknown[] }).shares).toMatchObject([{ user_id: bob, permission: 'read' }])
    // Bob may sign a URL for what he can read; he may not manage the shares.
    expect((await storageJson(t, 'POST', `private/sign/${alice}/report.txt`, { expires_in: 60 }, bobToken)).status).toBe(200)
    const notOwner = await storageGet(t, `${key}/shares`, bobToken)
    expect(notOwner.status).toBe(403)
    expect((await notOwner.json()).error).toBe(`only the owner of "private/${alice}/report.txt" can manage its shares`)
    expect((await storageJson(t, 'DELETE', `${key}/share/${bob}`, undefined, aliceToken)).status).toBe(200)
    expect((await storageGet(t, key, bobToken)).status).toBe(404)
    expect((await storageJson(t, 'DELETE', `${key}/share/${bob}`, undefined, aliceToken)).status).toBe(404)
  })

  it('bad bodies are 400s naming the field; a file nobody can see is a 404; nothing is ever stored as an object', async () => {
    const key = `private/${alice}/report.txt`
    expect((await (await storageJson(t, 'POST', `${key}/share`, { user_id: 'bob', permission: 'read' }, aliceToken)).json()).error).toBe('user_id must be the id (UUID) of the user to share with')
    expect((await (await storageJson(t, 'POST', `${key}/share`, { user_id: bob, permission: 'admin' }, aliceToken)).json()).error).toBe('permission must be "read" or "write"')
    expect((await storageJson(t, 'POST', `private/${alice}/none.txt/share`, { user_id: bob, permission: 'read' }, aliceToken)).status).toBe(404)
    const { rowCount } = await t.admin.query("SELECT 1 FROM storage.objects WHERE path LIKE '%/share%'")
    expect(rowCount).toBe(0)
  })
})
