// functions/deno-config.ts — the deno.json a function's worker runs with: the function's own deno.json(c), else
// the folder's root one (its import map, as the Wayli app relies on), with relative targets made absolute and
// `_shared/` mapped, so both spellings of a shared import (`./_shared/x.ts`, `_shared/x.ts`) resolve. Written
// to the function's temp folder; Deno never looks for a config of its own (--config or --no-config).
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** JSONC → JSON: comments and trailing commas out, strings untouched. */
function stripJsonc(text: string): string {
  return text
    .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_m, str: string | undefined) => str ?? '')
    .replace(/,(\s*[}\]])/g, '$1')
}

function findConfig(dir: string): string | undefined {
  return ['deno.json', 'deno.jsonc'].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f))
}

function absolutise(map: Record<string, unknown> | undefined, baseDir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(map ?? {})) {
    if (typeof v !== 'string') continue
    out[k] = v.startsWith('./') || v.startsWith('../') ? pathToFileURL(path.resolve(baseDir, v)).href + (v.endsWith('/') ? '/' : '') : v
  }
  return out
}

/**
 * Writes `<tmpDir>/deno.json` for the function and returns its path, plus the user config it came from (which
 * the worker needs to read). A config that is not valid JSON is an error naming the file.
 */
export function writeDenoConfig(functionsDir: string, folder: string | undefined, tmpDir: string): { configFile: string; userConfig?: string } {
  const userConfig = (folder && findConfig(folder)) || findConfig(functionsDir)
  let parsed: { imports?: Record<string, unknown>; scopes?: Record<string, Record<string, unknown>>; compilerOptions?: unknown } = {}
  if (userConfig) {
    try {
      parsed = JSON.parse(stripJsonc(fs.readFileSync(userConfig, 'utf8'))) as typeof parsed
    } catch (err) {
      throw new Error(`${path.relative(functionsDir, userConfig)}: not valid JSON (${(err as Error).message})`)
    }
  }
  const base = userConfig ? path.dirname(userConfig) : functionsDir
  const imports = { '_shared/': pathToFileURL(path.join(functionsDir, '_shared')).href + '/', ...absolutise(parsed.imports, base) }
  const scopes: Record<string, Record<string, string>> = {}
  for (const [scope, map] of Object.entries(parsed.scopes ?? {})) scopes[scope] = absolutise(map, base)
  const config: Record<string, unknown> = { imports, lock: false }
  if (Object.keys(scopes).length) config.scopes = scopes
  if (parsed.compilerOptions) config.compilerOptions = parsed.compilerOptions
  fs.mkdirSync(tmpDir, { recursive: true })
  const configFile = path.join(tmpDir, 'deno.json')
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2))
  return { configFile, userConfig }
}
