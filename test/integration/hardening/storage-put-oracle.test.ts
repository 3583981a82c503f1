// Issue 24, "Also": a PUT (always-replace upload) on an object the caller cannot read must answer as a PUT on a
// missing key does under the same policies: the upload runs as the plain INSERT it would be if the key were free,
// so the other user's object is neither overwritten nor described, and the caller's bytes are not kept.
import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { createBucket, filesOnDisk, storageGet, tempFiles, upload } from '../storage/storage-helpers.js'

let t: TestRuntime
const alice = crypto.randomUUID()
const bob = crypto.randomUUID()
let aliceToken: string
let bobToken: string

beforeAll(async () => {
  t = await startTestRuntime()
  aliceToken = await t.signToken({ sub: alice, role: 'authenticated', email: 'alice@example.com' })
  bobToken = await t.signToken({ sub: bob, role: 'authenticated', email: 'bob@example.com' })
  await createBucket(t, 'dropbox')
  await createBucket(t, 'folders')
  await t.admin.query(`
    CREATE POLICY "dropbox: anyone signed in drops files" ON storage.objects FOR INSERT TO authenticated
      WITH CHECK (bucket_id = 'dropbox');
    CREATE POLICY "dropbox: owners see and replace theirs" ON storage.objects FOR ALL TO authenticated
      USING (bucket_id = 'dropbox' AND owner_id = auth.uid()) WITH CHECK (bucket_id = 'dropbox' AND owner_id = auth.uid());
    CREATE POLICY "folders: own folder" ON storage.objects FOR ALL TO authenticated
      USING (bucket_id = 'folders' AND (storage.foldername(name))[1] = auth.uid()::text)
      WITH CHECK (bucket_id = 'folders' AND (storage.foldername(name))[1] = auth.uid()::text);
  `)
  expect((await upload(t, 'dropbox', 'report.txt', 'bob original', { token: bobToken })).status).toBe(201)
  expect((await upload(t, 'folders', `${bob}/a.txt`, 'bob folder file', { token: bobToken })).status).toBe(201)
})
afterAll(async () => t?.stop())

async function outcome(res: Response): Promise<{ status: number; code?: string; error?: string; details?: string; hint?: string }> {
  const body = (await res.json()) as Record<string, string>
  return { status: res.status, code: body.code, error: body.error?.replace(/"[^"]*"/g, '"…"'), details: body.details, hint: body.hint }
}

describe("PUT on another user's object", () => {
  it('answers as a plain upload of that key would, never 403, and leaves the object and the disk as they were', async () => {
    const filesBefore = filesOnDisk(t).length
    const put = await upload(t, 'dropbox', 'report.txt', 'alice overwrite attempt', { token: aliceToken, method: 'PUT' })
    const post = await upload(t, 'dropbox', 'report.txt', 'alice plain upload', { token: aliceToken })
    const putBody = await outcome(put)
    // What the key's uniqueness tells any caller allowed to insert there anyway (a plain upload's 409), no more.
    expect(putBody).toEqual(await outcome(post))
    expect(putBody.status).toBe(409)
    expect(JSON.stringify(putBody)).not.toMatch(/row-level security|USING|42501/)
    // Bob's object is untouched and the refused bytes were not kept.
    expect(await (await storageGet(t, 'dropbox/report.txt', bobToken)).text()).toBe('bob original')
    expect(filesOnDisk(t).length).toBe(filesBefore)
    expect(tempFiles(t)).toEqual([])
  })

  it("in another's folder: the same answer whether the object exists or not", async () => {
    const existing = await outcome(await upload(t, 'folders', `${bob}/a.txt`, 'x', { token: aliceToken, method: 'PUT' }))
    const missing = await outcome(await upload(t, 'folders', `${bob}/never.txt`, 'x', { token: aliceToken, method: 'PUT' }))
    expect(existing.status).toBe(403)
    expect(existing).toEqual(missing)
    expect(await (await storageGet(t, `folders/${bob}/a.txt`, bobToken)).text()).toBe('bob folder file')
  })

  it('still replaces what the caller can read and update', async () => {
    const res = await upload(t, 'dropbox', 'report.txt', 'bob v2', { token: bobToken, method: 'PUT' })
    expect(res.status).toBe(201)
    expect(await (await storageGet(t, 'dropbox/report.txt', bobToken)).text()).toBe('bob v2')
    expect((await upload(t, 'dropbox', 'fresh.txt', 'alice new', { token: aliceToken, method: 'PUT' })).status).toBe(201)
  })
})
