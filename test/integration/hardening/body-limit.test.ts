// Issue 24, "Also": the JSON body limit is a documented flag (--max-body-bytes, StudioRuntimeOptions.limits), and a
// body past it gets a 413 that names the limit and the flag. Peak memory of a large insert: npm run bench -- body-memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'
import { limitOptionsFromCli } from '../../../electron/server/limits/limit-cli-args.js'

let rt: TestRuntime

beforeAll(async () => {
  rt = await startTestRuntime({ limits: { maxBodyBytes: 8192 } })
  await rt.admin.query('CREATE TABLE public.notes (id serial PRIMARY KEY, body text); GRANT ALL ON public.notes TO service_role; GRANT ALL ON SEQUENCE public.notes_id_seq TO service_role;')
})
afterAll(async () => {
  await rt?.stop()
})

describe('--max-body-bytes', () => {
  it('takes a body within the limit and refuses a larger one with a 413 naming the limit and the flag', async () => {
    const small = await rt.api('/api/v1/tables/notes', { method: 'POST', body: JSON.stringify({ body: 'x'.repeat(4000) }) })
    expect(small.status).toBe(201)
    const big = await rt.api('/api/v1/tables/notes', { method: 'POST', body: JSON.stringify({ body: 'x'.repeat(10_000) }) })
    expect(big.status).toBe(413)
    const body = await big.json()
    expect(body.error).toBe('the request body is too large: the server accepts at most 8192 bytes (--max-body-bytes)')
  })

  it('is read from the command line', () => {
    expect(limitOptionsFromCli({ 'max-body-bytes': '1048576' })).toEqual({ maxBodyBytes: 1048576 })
    expect(() => limitOptionsFromCli({ 'max-body-bytes': 'lots' })).toThrow(/--max-body-bytes must be a whole number/)
  })
})
