// logs/log-bus.ts — one bus for every log source: a ring buffer of recent entries, JSON lines on disk (SonicBoom,
// pino's asynchronous file writer, rotated by size), and live subscribers (the log viewer, /realtime log streams).
// The writer is used on its own: pino itself is not needed here, and loading it cost ~25 ms of every start.
import fs from 'node:fs'
import path from 'node:path'
import SonicBoom from 'sonic-boom'
import type { LogEntry, LogInput } from './log-entry.js'
import { createLogIndex, type LogIndex } from './log-index.js'

export interface LogBusOptions {
  /** Directory for the JSON-lines files; omit for memory only. */
  dir?: string
  ringSize: number
  /** Entries kept searchable in memory (the log viewer's window); older ones stay in the files. */
  indexSize?: number
  maxFileBytes?: number
  keepFiles?: number
  /** Echo entries of at least this level to stderr (for the CLI). */
  echo?: (entry: LogEntry) => void
}

export type LogListener = (entry: LogEntry) => void

export interface LogBus {
  /** Takes the object it is given as the entry (adding id and timestamp): pass a fresh one, as literals are. */
  log(input: LogInput): LogEntry
  recent(): LogEntry[]
  subscribe(listener: LogListener): () => void
  flush(): void
  close(): Promise<void>
  readonly filePath: string | undefined
  /** Entries logged since this bus started, searchable (see log-index.ts). */
  readonly index: LogIndex
  /** Entries from earlier runs, loaded from the files in the background by loadHistory(). */
  readonly history: LogIndex
  /** Loads the newest stored entries of earlier runs into `history`, a chunk at a time, without blocking. */
  loadHistory(): Promise<void>
}

/** Opened synchronously, so the writer is ready at once (flushSync works from the first entry). */
function openDestination(file: string): SonicBoom {
  const fd = fs.openSync(file, 'a', 0o600)
  // Buffer mode: in its default utf8 mode the writer measures its whole pending string on every line (O(n) per
  // line, a visible share of the API's CPU at thousands of requests a second); buffers carry their length.
  return new SonicBoom({ fd, sync: false, minLength: 4096, contentMode: 'buffer' })
}

export function createLogBus(options: LogBusOptions): LogBus {
  const ring: LogEntry[] = []
  let ringStart = 0
  const listeners = new Set<LogListener>()
  let nextId = Date.now() * 1000
  const maxFileBytes = options.maxFileBytes ?? 20 * 1024 * 1024
  const keepFiles = options.keepFiles ?? 5
  let filePath: string | undefined
  let dest: SonicBoom | undefined
  let fileBytes = 0
  let startSize = 0
  const index = createLogIndex(options.indexSize ?? 200_000)
  const history = createLogIndex(options.indexSize ?? 200_000)
  const historyFiles: string[] = []

  if (options.dir) {
    fs.mkdirSync(options.dir, { recursive: true })
    filePath = path.join(options.dir, 'fluxbase.log')
    // Noted before this run writes anything: these hold earlier runs' entries, oldest file first.
    for (let i = keepFiles - 1; i >= 1; i--) if (fs.existsSync(`${filePath}.${i}`)) historyFiles.push(`${filePath}.${i}`)
    if (fs.existsSync(filePath) && fs.statSync(filePath).size > 0) historyFiles.push(filePath)
    fileBytes = fs.existsSync(filePath) ? fs.statSync(filePath).size : 0
    startSize = fileBytes
    dest = openDestination(filePath)
  }

  function rotate(): void {
    if (!dest || !filePath) return
    dest.flushSync()
    dest.end()
    for (let i = keepFiles - 1; i >= 1; i--) {
      const from = i === 1 ? filePath : `${filePath}.${i - 1}`
      if (fs.existsSync(from)) fs.renameSync(from, `${filePath}.${i}`)
    }
    dest = openDestination(filePath)
    fileBytes = 0
  }

  function push(entry: LogEntry): void {
    if (ring.length < options.ringSize) ring.push(entry)
    else {
      ring[ringStart] = entry
      ringStart = (ringStart + 1) % options.ringSize
    }
  }

  return {
    get filePath() {
      return filePath
    },
    index,
    history,
    async loadHistory() {
      // Read before this run rotates anything away; the live file's old part ends where this run began.
      const limitBytes = new Map(historyFiles.map((f) => [f, f === filePath ? startSize : Infinity]))
      for (const file of historyFiles) {
        let text: string
        try {
          // Read off the main thread: the files hold up to 20 MB each, and this runs while the API already answers.
          text = await fs.promises.readFile(file, 'utf8')
        } catch {
          continue
        }
        const cut = limitBytes.get(file) ?? Infinity
        if (cut !== Infinity) text = text.slice(0, cut)
        const lines = text.split('\n')
        for (let i = 0; i < lines.length; i++) {
          if (!lines[i]) continue
          try {
            history.add(JSON.parse(lines[i]) as LogEntry, lines[i])
          } catch {
            // A torn last line after a crash: skip it.
          }
          if (i % 2000 === 1999) await new Promise((r) => setImmediate(r))
        }
      }
    },
    log(input) {
      // No copy: every request logs once, and at thousands a second the copy showed in the API's CPU profile.
      const given = input.timestamp
      const entry = input as LogEntry
      entry.id = nextId++
      const now = Date.now()
      if (given === undefined) entry.timestamp = new Date(now).toISOString()
      push(entry)
      const line = JSON.stringify(entry)
      index.add(entry, line, given === undefined ? now : undefined)
      if (dest) {
        const bytes = Buffer.from(line + '\n')
        dest.write(bytes as unknown as string)
        fileBytes += bytes.length
        if (fileBytes > maxFileBytes) rotate()
      }
      options.echo?.(entry)
      for (const listener of listeners) {
        try {
          listener(entry)
        } catch {
          // A faulty subscriber must not break logging for everyone else.
        }
      }
      return entry
    },
    recent() {
      return ring.slice(ringStart).concat(ring.slice(0, ringStart))
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    flush() {
      dest?.flushSync()
    },
    async close() {
      listeners.clear()
      if (!dest) return
      const d = dest
      dest = undefined
      await new Promise<void>((resolve) => {
        d.once('close', () => resolve())
        d.once('error', () => resolve())
        d.end()
      })
    },
  }
}
