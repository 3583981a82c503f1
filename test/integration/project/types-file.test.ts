// test/integration/project/types-file.test.ts — --types-out keeps the app's types file current: written at start,
// rewritten within a second of an ALTER TABLE (and the app's compiler sees the new column) and after a change to the
// RPC registry, left alone by DDL that changes no type, written atomically (no temp file left), and reported by the
// studio's status.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'
import { compileTs } from '../../helpers/compile-ts.js'
import { schemaStoreFor } from '../../../electron/server/rest/schema/schema-store.js'

let rt: TestRuntime
let appDir: string
let file: string

function read(): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

async function waitFor(check: () => boolean, timeoutMs: number, stepMs = 10): Promise<number> {
  const t0 = performance.now()
  while (!check()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`not within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, stepMs))
  }
  return performance.now() - t0
}

beforeAll(async () => {
  appDir = tempDataDir('fluxbase-app-')
  // The folder does not exist yet: the runtime makes it.
  file = path.join(appDir, 'src', 'database.types.ts')
  rt = await startTestRuntime({ typesOut: file })
})

afterAll(async () => {
  await rt?.stop()
  fs.rmSync(appDir, { recursive: true, force: true })
})

describe('the types file', () => {
  it('is written at start and reported by the studio status', async () => {
    await waitFor(() => read().includes('export type DatabaseSchema'), 15_000)
    const res = await fetch(`${rt.info.apiUrl}/studio/api/status`, { headers: { Authorization: `Bearer ${rt.info.studioToken}` } })
    const status = (await res.json()) as { typesFile?: { path: string; writtenAt?: string } }
    expect(status.typesFile?.path).toBe(file)
    expect(Date.parse(status.typesFile?.writtenAt ?? '')).toBeGreaterThan(Date.now() - 60_000)
  })

  it('has a new column within a second of ALTER TABLE, and the app compiles against it', async () => {
    await rt.admin.query('CREATE TABLE todos (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL)')
    await waitFor(() => read().includes('export interface TodosRow {'), 5_000)
    await rt.admin.query('ALTER TABLE todos ADD COLUMN done boolean NOT NULL DEFAULT false')
    const took = await waitFor(() => /export interface TodosRow \{[^}]*\n {2}done: boolean\n/.test(read()), 5_000)
    expect(took, `rewritten after ${Math.round(took)} ms`).toBeLessThan(1_000)
    const app = `import type { TodosRow, TodosInsert } from './database.types'
export const todo: TodosRow = { id: 1, title: 'x', done: true }
export const draft: TodosInsert = { title: 'y' }
// @ts-expect-error: done is a boolean
export const wrong: TodosRow = { id: 1, title: 'x', done: 'yes' }`
    expect(compileTs({ 'database.types.ts': read(), 'app.ts': app })).toEqual([])
    expect(fs.readdirSync(path.dirname(file))).toEqual(['database.types.ts'])
  })

  it('types a procedure added to the RPC registry', async () => {
    const code = [
      '-- @fluxbase:name open_todos',
      '-- @fluxbase:input {"limit?": "integer"}',
      '-- @fluxbase:output {"id": "bigint", "title": "text"}',
      'SELECT id, title FROM todos WHERE NOT done LIMIT coalesce($limit, 10)',
    ].join('\n')
    const res = await rt.api('/api/v1/admin/rpc/procedures', { method: 'POST', body: JSON.stringify({ code }) })
    expect(res.status).toBe(201)
    await waitFor(() => read().includes('export interface OpenTodosArgs {\n  limit?: number\n}'), 5_000)
    expect(read()).toContain('export type OpenTodosReturn = { id: number; title: string }[]')
  })

  it('is not rewritten by DDL that changes no type', async () => {
    const before = fs.statSync(file).mtimeMs
    const text = read()
    const store = await schemaStoreFor(rt.ctx)
    const version = store.current().version
    await rt.admin.query('CREATE INDEX todos_title ON todos (title)')
    await waitFor(() => store.current().version > version, 5_000)
    await new Promise((r) => setTimeout(r, 300))
    expect(read()).toBe(text)
    expect(fs.statSync(file).mtimeMs).toBe(before)
  })
})
