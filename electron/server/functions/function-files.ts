// functions/function-files.ts — the functions folder → the functions it holds (contract §2.1): `name.ts` or
// `name/index.ts` (the flat file wins), `_shared/` for common code, `deno.json(c)` for imports. Pure reads of the
// folder; names are checked here, once, for files and for the API.
import fs from 'node:fs'
import path from 'node:path'

export interface FunctionSource {
  name: string
  /** Absolute path of the entry module. */
  entry: string
  /** The function's own folder (folder form), or undefined for a flat file. */
  folder?: string
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/
const RESERVED = new Set(['index', 'main', 'handler', '.', '..', '_', '-'])
const FLAT = ['.ts', '.js', '.mts', '.mjs']
const INDEX = ['index.ts', 'index.js', 'index.mts', 'index.mjs']

/** Why `name` cannot be a function's name, or undefined when it can. */
export function invalidFunctionName(name: string): string | undefined {
  if (!NAME.test(name)) return `"${name.slice(0, 80)}" is not a function name: use 1 to 64 letters, digits, "_" or "-"`
  if (RESERVED.has(name)) return `"${name}" is a reserved name`
  return undefined
}

export function scanFunctionsDir(dir: string): FunctionSource[] {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  const found = new Map<string, FunctionSource>()
  for (const e of entries) {
    if (e.name.startsWith('_') || e.name.startsWith('.')) continue
    if (!e.isDirectory()) continue
    const index = INDEX.find((f) => fs.existsSync(path.join(dir, e.name, f)))
    if (index && !invalidFunctionName(e.name)) found.set(e.name, { name: e.name, entry: path.join(dir, e.name, index), folder: path.join(dir, e.name) })
  }
  for (const e of entries) {
    if (!e.isFile() || e.name.startsWith('_') || e.name.startsWith('.')) continue
    const ext = FLAT.find((x) => e.name.endsWith(x) && !e.name.endsWith('.d.ts'))
    if (!ext) continue
    const name = e.name.slice(0, -ext.length)
    if (!invalidFunctionName(name)) found.set(name, { name, entry: path.join(dir, e.name) })
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** The files whose change means a function's code changed: its entry file or its whole folder. */
export function sourceFingerprint(source: FunctionSource): string {
  const parts: string[] = []
  const add = (file: string) => parts.push(fileStamp(file) ?? `${file}:missing`)
  if (!source.folder) add(source.entry)
  else walk(source.folder, add)
  return parts.join('|')
}

/** Fingerprint of what every function may import: `_shared/` and the root deno.json(c). */
export function sharedFingerprint(dir: string): string {
  const parts: string[] = []
  // An absent file adds nothing: the joined string differs when it appears.
  const add = (file: string) => {
    const stamp = fileStamp(file)
    if (stamp) parts.push(stamp)
  }
  add(path.join(dir, 'deno.json'))
  add(path.join(dir, 'deno.jsonc'))
  walk(path.join(dir, '_shared'), add)
  return parts.join('|')
}

/** `path:size:mtime`, or undefined when the file is not there. */
function fileStamp(file: string): string | undefined {
  try {
    const st = fs.statSync(file)
    return `${file}:${st.size}:${st.mtimeMs}`
  } catch {
    return undefined
  }
}

function walk(dir: string, visit: (file: string) => void, depth = 0): void {
  if (depth > 8) return
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const e of entries) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p, visit, depth + 1)
    else visit(p)
  }
}
