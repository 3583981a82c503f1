// logs/log-bus.ts — one bus for every log source: a ring buffer of recent entries, JSON lines on disk (pino's
// SonicBoom writer, rotated by size), and live subscribers (the log viewer, /realtime log streams).
import fs from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import type { LogEntry, LogInput } from './log-entry.js'

export interface LogBusOptions {
  /** Directory for the JSON-lines files; omit for memory only. */
  dir?: string
  ringSize: number
  maxFileBytes?: number
  keepFiles?: number
  /** Echo entries of at least this level to stderr (for the CLI). */
  echo?: (entry: LogEntry) => void
}

export type LogListener = (entry: LogEntry) => void

export interface LogBus {
  log(input: LogInput): LogEntry
  recent(): LogEntry[]
  subscribe(listener: LogListener): () => void
  flush(): void
  close(): Promise<void>
  readonly filePath: string | undefined
}

/** Opened synchronously, so the writer is ready at once (flushSync works from the first entry). */
function openDestination(file: string): ReturnType<typeof pino.destination> {
  const fd = fs.openSync(file, 'a', 0o600)
  return pino.destination({ dest: fd, sync: false, minLength: 4096 })
}

export function createLogBus(options: LogBusOptions): LogBus {
  const ring: LogEntry[] = []
  let ringStart = 0
  const listeners = new Set<LogListener>()
  let nextId = Date.now() * 1000
  const maxFileBytes = options.maxFileBytes ?? 20 * 1024 * 1024
  const keepFiles = options.keepFiles ?? 5
  let filePath: string | undefined
  let dest: ReturnType<typeof pino.destination> | undefined
  let fileBytes = 0

  if (options.dir) {
    fs.mkdirSync(options.dir, { recursive: true })
    filePath = path.join(options.dir, 'fluxbase.log')
    fileBytes = fs.existsSync(filePath) ? fs.statSync(filePath).size : 0
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
    log(input) {
      const entry: LogEntry = { ...input, id: nextId++, timestamp: input.timestamp ?? new Date().toISOString() }
      push(entry)
      if (dest) {
        const line = JSON.stringify(entry) + '\n'
        dest.write(line)
        fileBytes += Buffer.byteLength(line)
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
