// postgres/server-process.ts — how PostgreSQL's programs are spawned and read: the server (the same flags for the
// embedded cluster and the short-lived server that migrates a new template) until it says it is ready, the one line
// of its output worth reporting, and a runner for initdb-like tools.
import os from 'node:os'
import { spawn, type ChildProcess } from 'node:child_process'
import { StartupError } from '../errors.js'
import { POSTGRES_LOG_LINE_PREFIX } from '../logs/postgres-log-lines.js'
import type { OsUser } from './os-user.js'

const READY_LINE = 'database system is ready to accept connections'

function serverFlags(port: number, socketDir: string | undefined, overrides: Record<string, string> = {}): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: socketDir ?? '',
    wal_level: 'logical',
    max_wal_senders: '10',
    max_replication_slots: '10',
    // An idle replication slot must not keep WAL forever (see realtime/): past this, the slot is invalidated.
    max_slot_wal_keep_size: '1024MB',
    max_connections: '100',
    shared_buffers: '64MB',
    logging_collector: 'off',
    log_destination: 'stderr',
    log_line_prefix: POSTGRES_LOG_LINE_PREFIX,
    log_min_error_statement: 'error',
    log_timezone: 'UTC',
    timezone: 'UTC',
    lc_messages: 'C',
    ...overrides,
  }
  return Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])
}

export function lastErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean)
  const fatal = lines.filter((l) => /FATAL|PANIC|ERROR|could not|invalid|Permission denied/i.test(l))
  const pick = (fatal.length ? fatal[fatal.length - 1] : lines[lines.length - 1]) ?? 'no output'
  return pick.replace(/^.*?\| (FATAL|PANIC|ERROR|LOG):\s+/, '').replace(/^(initdb|postgres): (error: )?/, '')
}

function spawnAs(cmd: string, args: string[], runAs: OsUser | undefined, lowPriority: boolean): ChildProcess {
  // Messages in English whatever the user's locale: lastErrorLine and the log parser read them.
  const p = spawn(cmd, args, { ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}), env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] })
  if (lowPriority && p.pid) {
    try {
      os.setPriority(p.pid, 15)
    } catch {
      // Not permitted on this platform: it merely runs at normal priority.
    }
  }
  return p
}

export interface ServerProcess {
  proc: ChildProcess
  /** Settles when the server accepts connections; rejects with its last error line if it exits (or fails) first. */
  ready: Promise<void>
}

/** Starts `postgres` on pgdata; every chunk of its output also goes to onOutput (the log bus, for the cluster). */
export function startServer(postgres: string, pgdata: string, port: number, socketDir: string | undefined, runAs: OsUser | undefined, options: { lowPriority?: boolean; onOutput?: (text: string) => void; settings?: Record<string, string> } = {}): ServerProcess {
  const proc = spawnAs(postgres, ['-D', pgdata, ...serverFlags(port, socketDir, options.settings)], runAs, options.lowPriority ?? false)
  const ready = new Promise<void>((resolve, reject) => {
    let early: string | undefined = ''
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      if (early !== undefined) {
        early += text
        if (early.includes(READY_LINE)) {
          early = undefined
          resolve()
        }
      }
      options.onOutput?.(text)
    }
    proc.stdout?.on('data', onData)
    proc.stderr?.on('data', onData)
    proc.on('error', (err) => reject(new StartupError(`could not start PostgreSQL: ${err.message}`)))
    proc.on('exit', () => {
      if (early !== undefined) reject(new StartupError(`PostgreSQL could not start on ${pgdata}: ${lastErrorLine(early)}`))
    })
  })
  return { proc, ready }
}

export function run(cmd: string, args: string[], runAs: OsUser | undefined, lowPriority = false): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawnAs(cmd, args, runAs, lowPriority)
    let stderr = ''
    p.stdout?.on('data', () => {})
    p.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    p.on('error', reject)
    p.on('close', (code) => resolve({ code, stderr }))
  })
}
