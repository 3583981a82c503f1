// test/integration/project/types-command.test.ts — `fluxbase-studio types` as a user runs it (the built CLI, after
// `npm run build:server`): against the runtime serving the data directory, then with none running (it starts its
// own and stops it), to stdout and to --out FILE (rewritten only when changed); bad flags exit 2.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, runCliCommand } from '../../helpers/cli-process.js'
import { startTestRuntime, tempDataDir, type TestRuntime } from '../../helpers/runtime.js'

let dataDir: string
let outDir: string
let rt: TestRuntime | undefined

const types = (args: string[]) => runCliCommand(['types', '--data-dir', dataDir, ...args])

beforeAll(async () => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:server`)
  dataDir = tempDataDir()
  outDir = tempDataDir('fluxbase-app-')
  rt = await startTestRuntime({ dataDir })
  await rt.admin.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)')
})

afterAll(async () => {
  await rt?.stop()
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.rmSync(outDir, { recursive: true, force: true })
})

describe('fluxbase-studio types', () => {
  it('asks the runtime that serves the data directory', async () => {
    const { code, stdout, stderr } = await types([])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain('export interface NotesRow {\n  id: number\n  body: string\n}')
  })

  it('starts a runtime of its own when none runs, and writes --out only when the types changed', async () => {
    await rt!.stop()
    rt = undefined
    const file = path.join(outDir, 'types', 'db.ts')
    const first = await types(['--out', file])
    expect(first.code).toBe(0)
    expect(first.stderr).toBe(`${file} written\n`)
    expect(fs.readFileSync(file, 'utf8')).toContain('export interface NotesInsert {\n  id?: number\n  body: string\n}')
    const second = await types(['--out', file])
    expect(second.stderr).toBe(`${file} unchanged\n`)
    expect(fs.existsSync(path.join(dataDir, 'runtime.lock'))).toBe(false)
  })

  it('refuses unknown flags and unknown schemas with a line saying why', async () => {
    const flag = await types(['--bogus'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/Unknown option '--bogus'/)
    const schema = await types(['--schema', 'nope'])
    expect(schema.code).toBe(1)
    expect(schema.stderr).toMatch(/no schema named "nope"/)
  })
})
