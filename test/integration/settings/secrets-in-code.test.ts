// How secrets reach user code (contract §2.4, §5) on real Deno: a function invoked as alice gets her secrets as
// FLUXBASE_USER_*, never bob's (and bob his), plus system secrets as FLUXBASE_SETTING_* and legacy ones as
// FLUXBASE_SECRET_* (the namespace's winning over the global one); `secrets.get/getUser/getSystem/getRequired` read
// them with the contract's error text and never the legacy ones. A job submitted by alice gets hers; a cron-started
// run gets the legacy secrets only. A function-secrets.json dropped in the data directory is imported and renamed.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { newUser, sdk, type Session } from '../auth/auth-client.js'
import { jobsServiceOf } from '../../../electron/server/jobs/jobs-routes.js'

const READ = `{
    user: secrets.getUser('openai.key') ?? null,
    merged: secrets.get('openai.key') ?? null,
    system: secrets.getSystem('stripe.webhook') ?? null,
    systemViaGet: secrets.get('stripe-webhook') ?? null,
    legacyViaSecrets: secrets.get('api_key') ?? null,
    legacy: Deno.env.get('FLUXBASE_SECRET_API_KEY') ?? null,
    legacyOther: Deno.env.get('FLUXBASE_SECRET_ONLY_GLOBAL') ?? null,
    userEnv: Deno.env.get('FLUXBASE_USER_OPENAI_KEY') ?? null,
    required: (() => { try { return secrets.getRequired('missing.key') } catch (e) { return e.message } })(),
  }`

let rt: TestRuntime
let fnDir: string
let jobsDir: string
let now = new Date('2026-12-07T01:59:00Z')
let alice: Session
let bob: Session

async function invoke(name: string, token?: string) {
  return sdk(rt).call<Record<string, unknown>>('POST', `/api/v1/functions/${name}/invoke`, {}, token)
}

async function jobResult(id: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const r = await sdk(rt).call<{ status: string; result?: string; error_message?: string }>('GET', `/api/v1/jobs/${id}`, undefined, rt.info.serviceRoleKey)
    if (r.body.status === 'completed') return JSON.parse(r.body.result!) as Record<string, unknown>
    if (r.body.status === 'failed' || Date.now() > deadline) throw new Error(`job ${id}: ${JSON.stringify(r.body)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

beforeAll(async () => {
  fnDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-fn-secrets-'))
  jobsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-job-secrets-'))
  fs.writeFileSync(path.join(fnDir, 'read-secrets.ts'), `export function handler() { return ${READ} }`)
  fs.writeFileSync(path.join(jobsDir, 'secret-job.ts'), `// @fluxbase:schedule 0 2 * * *\nexport function main() { return ${READ} }`)
  rt = await startTestRuntime({ functionsDir: fnDir, jobsDir, jobsClock: () => now, auth: { rateLimitPerWindow: 0 } })
  alice = await newUser(rt, 'alice-code@example.com')
  bob = await newUser(rt, 'bob-code@example.com')
  const api = sdk(rt)
  const ok = (r: { status: number }) => expect(r.status).toBe(201)
  ok(await api.call('POST', '/api/v1/settings/secret/', { key: 'openai.key', value: 'alice-openai' }, alice.access_token))
  ok(await api.call('POST', '/api/v1/settings/secret/', { key: 'openai.key', value: 'bob-openai' }, bob.access_token))
  ok(await api.call('POST', '/api/v1/admin/settings/custom', { key: 'stripe.webhook', value: 'whsec_system', is_secret: true }, rt.info.serviceRoleKey))
  ok(await api.call('POST', '/api/v1/secrets', { name: 'api_key', value: 'legacy-global' }, rt.info.serviceRoleKey))
  ok(await api.call('POST', '/api/v1/secrets', { name: 'only_global', value: 'g' }, rt.info.serviceRoleKey))
  // Another namespace's secret never reaches the default namespace's code.
  ok(await api.call('POST', '/api/v1/secrets', { name: 'only_global', value: 'billing-only', namespace: 'billing' }, rt.info.serviceRoleKey))
}, 120_000)
afterAll(async () => {
  await rt?.stop()
  for (const d of [fnDir, jobsDir]) if (d) fs.rmSync(d, { recursive: true, force: true })
})

const REQUIRED = "Required secret 'missing.key' not found. Set it via SDK or CLI."

describe('functions', () => {
  it("alice's call sees alice's secret, bob's sees bob's, anon none; system and legacy secrets arrive for all", async () => {
    const a = await invoke('read-secrets', alice.access_token)
    expect(a.status).toBe(200)
    expect(a.body).toEqual({ user: 'alice-openai', merged: 'alice-openai', system: 'whsec_system', systemViaGet: 'whsec_system', legacyViaSecrets: null, legacy: 'legacy-global', legacyOther: 'g', userEnv: 'alice-openai', required: REQUIRED })
    expect((await invoke('read-secrets', bob.access_token)).body).toMatchObject({ user: 'bob-openai', userEnv: 'bob-openai' })
    expect((await invoke('read-secrets')).body).toMatchObject({ user: null, merged: null, userEnv: null, system: 'whsec_system', legacy: 'legacy-global' })
  })

  it("the function's namespace's legacy secret wins over the global one of the same name; an expired one is left out", async () => {
    const ns = await sdk(rt).call<{ id: string }>('POST', '/api/v1/secrets', { name: 'api_key', value: 'legacy-default', namespace: 'default' }, rt.info.serviceRoleKey)
    expect(ns.status).toBe(201)
    expect((await invoke('read-secrets', alice.access_token)).body).toMatchObject({ legacy: 'legacy-default', legacyOther: 'g', user: 'alice-openai' })
    expect((await sdk(rt).call('DELETE', `/api/v1/secrets/${ns.body.id}`, undefined, rt.info.serviceRoleKey)).status).toBe(204)
    const put = await sdk(rt).call('PUT', '/api/v1/secrets/by-name/only_global', { expires_at: '2020-01-01T00:00:00Z' }, rt.info.serviceRoleKey)
    expect(put.status).toBe(200)
    expect((await invoke('read-secrets', alice.access_token)).body).toMatchObject({ legacy: 'legacy-global', legacyOther: null })
  })

  it('a changed secret reaches the next call', async () => {
    await sdk(rt).call('PUT', '/api/v1/settings/secret/openai.key', { value: 'alice-rotated' }, alice.access_token)
    expect((await invoke('read-secrets', alice.access_token)).body).toMatchObject({ user: 'alice-rotated' })
  })
})

describe('jobs', () => {
  it("a job submitted by alice gets her secrets; a cron-started run gets the legacy ones only", async () => {
    const submitted = await sdk(rt).call<{ id: string }>('POST', '/api/v1/jobs/submit', { job_name: 'secret-job' }, alice.access_token)
    expect(submitted.status).toBe(201)
    expect(await jobResult(submitted.body.id)).toMatchObject({ user: 'alice-rotated', system: 'whsec_system', legacy: 'legacy-global', required: REQUIRED })

    now = new Date('2026-12-07T02:00:00.500Z')
    await jobsServiceOf(rt.ctx)!.scheduler.tick()
    const { rows } = await rt.admin.query<{ id: string }>("SELECT id::text FROM jobs.queue WHERE job_name = 'secret-job' AND trigger_type = 'cron'")
    expect(rows).toHaveLength(1)
    expect(await jobResult(rows[0]!.id)).toEqual({ user: null, merged: null, system: null, systemViaGet: null, legacyViaSecrets: null, legacy: 'legacy-global', legacyOther: null, userEnv: null, required: REQUIRED })
  })
})

describe('the old function-secrets.json', () => {
  it('is imported into the encrypted store when it appears, then renamed (kept) beside it', async () => {
    const file = path.join(rt.info.dataDir, 'function-secrets.json')
    fs.writeFileSync(file, JSON.stringify({ secrets: { api_key: 'from-file' }, settings: { 'stripe.webhook': 'whsec_file' }, users: { [bob.user.id]: { 'openai.key': 'bob-file' } } }))
    expect((await invoke('read-secrets', bob.access_token)).body).toMatchObject({ user: 'bob-file', system: 'whsec_file', legacy: 'from-file' })
    expect(fs.existsSync(file)).toBe(false)
    const kept = fs.readdirSync(rt.info.dataDir).filter((f) => /^function-secrets\.imported-.*\.json$/.test(f))
    expect(kept).toHaveLength(1)
    const { rows } = await rt.admin.query<{ encrypted_value: string }>("SELECT encrypted_value FROM app.function_secrets WHERE name = 'api_key' AND namespace IS NULL")
    expect(rows[0]!.encrypted_value).toMatch(/^v1\./)
    expect(rows[0]!.encrypted_value).not.toContain('from-file')
  })
})
