// app-version.ts — the app's version from package.json, found next to resources/.
import fs from 'node:fs'
import path from 'node:path'
import { resourcesDir } from './resources.js'

let cached: string | undefined

export function appVersion(): string {
  if (cached) return cached
  try {
    cached = (JSON.parse(fs.readFileSync(path.join(path.dirname(resourcesDir()), 'package.json'), 'utf8')) as { version: string }).version
  } catch {
    cached = '0.0.0'
  }
  return cached
}
