// test/integration/project/project-folder.ts — a throwaway app folder in the Fluxbase CLI layout for the project
// room's tests: migrations and seeds written as files, the way a developer would.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface TestProject {
  root: string
  migrationsDir: string
  write(name: string, sql: string): string
  seed(sql: string): void
  remove(): void
}

export function makeProject(migrations: Record<string, string> = {}, seed?: string): TestProject {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-project-'))
  const migrationsDir = path.join(root, 'fluxbase', 'migrations')
  fs.mkdirSync(migrationsDir, { recursive: true })
  const project: TestProject = {
    root,
    migrationsDir,
    write(name, sql) {
      const file = path.join(migrationsDir, name)
      fs.writeFileSync(file, sql)
      return file
    },
    seed(sql) {
      fs.writeFileSync(path.join(root, 'fluxbase', 'seed.sql'), sql)
    },
    remove() {
      fs.rmSync(root, { recursive: true, force: true })
    },
  }
  for (const [name, sql] of Object.entries(migrations)) project.write(name, sql)
  if (seed) project.seed(seed)
  return project
}

export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await check().catch(() => undefined)
    if (v) return v
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}
