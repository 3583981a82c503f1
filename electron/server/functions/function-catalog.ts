// functions/function-catalog.ts — the functions of the folder and their state (loaded, error with its location,
// disabled), kept current by a watcher: a save re-reads the folder (debounced a few ms) and reports which
// functions changed, or all of them when `_shared/` or deno.json did. What the invoke route and the studio read.
import fs from 'node:fs'
import path from 'node:path'
import { parseFunctionAnnotations, type FunctionSettings } from './function-annotations.js'
import { scanFunctionsDir, sharedFingerprint, sourceFingerprint, type FunctionSource } from './function-files.js'

export type FunctionState = 'loading' | 'loaded' | 'error' | 'disabled'

/** A function (or a job function: jobs/ reuses this catalog with its own annotations) and its state. */
export interface CatalogEntry<S> extends FunctionSource {
  namespace: string
  settings: S
  state: FunctionState
  error?: { message: string; location?: string }
  /** Increases each time the code changes. */
  version: number
  fingerprint: string
  updatedAt: string
}

export type FunctionEntry = CatalogEntry<FunctionSettings>

const DEBOUNCE_MS = 8

/** The first `file:///…:line:col` of an error naming a file under `dir`, as `relative/path.ts:line:col`. */
export function errorLocation(message: string, dir: string): string | undefined {
  for (const m of message.matchAll(/file:\/\/([^\s:)]+):(\d+):(\d+)/g)) {
    const file = decodeURIComponent(m[1])
    if (file.startsWith(dir + path.sep)) return `${path.relative(dir, file)}:${m[2]}:${m[3]}`
  }
  return undefined
}

/** A load error that is a failed download says so first: the first fetch of npm:/jsr:/https: imports needs the network. */
export function explainLoadError(message: string): string {
  if (!/Failed loading https?:|error sending request|failed to fetch|dns error|Connect\)/i.test(message)) return message
  return `could not download an import (npm:, jsr: or https:): the first fetch needs the network, later loads use Deno's cache in the data directory (deno-cache/). ${message}`
}

export class SourceCatalog<S extends { enabled: boolean }> {
  private readonly entries = new Map<string, CatalogEntry<S>>()
  private shared = ''
  private watcher: fs.FSWatcher | undefined
  private timer: NodeJS.Timeout | undefined

  /** `onChange(names)`: the functions whose code changed, were added or removed since the last scan. */
  constructor(
    readonly dir: string,
    private readonly parseSettings: (code: string) => S,
    private readonly onChange: (names: string[]) => void,
  ) {}

  list(): Array<CatalogEntry<S>> {
    return [...this.entries.values()]
  }

  get(name: string): CatalogEntry<S> | undefined {
    return this.entries.get(name)
  }

  /** Reads the folder now; returns the names that changed. */
  rescan(): string[] {
    const shared = sharedFingerprint(this.dir)
    const sharedChanged = shared !== this.shared
    this.shared = shared
    const seen = new Set<string>()
    const changed: string[] = []
    for (const source of scanFunctionsDir(this.dir)) {
      seen.add(source.name)
      const fingerprint = sourceFingerprint(source)
      const old = this.entries.get(source.name)
      if (old && old.fingerprint === fingerprint && old.entry === source.entry && !sharedChanged) continue
      let code = ''
      try {
        code = fs.readFileSync(source.entry, 'utf8')
      } catch {
        // Removed between the scan and the read: the next event rescans.
      }
      const settings = this.parseSettings(code)
      this.entries.set(source.name, {
        ...source,
        namespace: 'default',
        settings,
        // Only `_shared/` changed: the old state holds until the function's next load says otherwise.
        state: !settings.enabled ? 'disabled' : old && old.fingerprint === fingerprint && old.state !== 'disabled' ? old.state : 'loading',
        error: old && old.fingerprint === fingerprint ? old.error : undefined,
        version: (old?.version ?? 0) + 1,
        fingerprint,
        updatedAt: new Date().toISOString(),
      })
      changed.push(source.name)
    }
    for (const name of [...this.entries.keys()]) {
      if (!seen.has(name)) {
        this.entries.delete(name)
        changed.push(name)
      }
    }
    return changed
  }

  setLoadResult(name: string, version: number, error: string | undefined): void {
    const e = this.entries.get(name)
    if (!e || e.version !== version || e.state === 'disabled') return
    if (error) error = explainLoadError(error)
    e.state = error ? 'error' : 'loaded'
    e.error = error ? { message: error, location: errorLocation(error, this.dir) } : undefined
  }

  start(): void {
    fs.mkdirSync(this.dir, { recursive: true })
    this.onChange(this.rescan())
    try {
      this.watcher = fs.watch(this.dir, { recursive: true }, () => this.schedule())
      this.watcher.on('error', () => undefined)
    } catch {
      // A folder that cannot be watched still serves what was read at start.
    }
  }

  private schedule(): void {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      const changed = this.rescan()
      if (changed.length) this.onChange(changed)
    }, DEBOUNCE_MS)
  }

  stop(): void {
    this.watcher?.close()
    if (this.timer) clearTimeout(this.timer)
  }
}

/** The edge functions of the folder, with their annotations (function-annotations.ts). */
export class FunctionCatalog extends SourceCatalog<FunctionSettings> {
  constructor(dir: string, onChange: (names: string[]) => void) {
    super(dir, parseFunctionAnnotations, onChange)
  }
}
