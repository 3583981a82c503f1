// resources.ts — finds the repository's resources/ folder (bootstrap SQL, example projects) from wherever this
// code runs: the TypeScript sources (tests), the bundled CLI (out/server) or the packaged app (app.asar).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

export function resourcesDir(): string {
  if (cached) return cached
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'resources')
    if (fs.existsSync(path.join(candidate, 'migrations'))) return (cached = candidate)
    dir = path.dirname(dir)
  }
  throw new Error('resources/migrations not found next to the application')
}
