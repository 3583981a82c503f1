// functions/function-worker-spec.ts — how a function's Deno workers are started (contract §2.5 and decision 4):
// network allowed; environment limited to FLUXBASE_* (the per-call allowlist is set by the host); read and write
// only the function's own folder (a flat file: that file, read-only) and its temp folder, plus read of `_shared/`
// and the import map. Nothing of the data directory: keys, secrets and pgdata stay out of reach.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { WorkerSpec } from '../deno/deno-worker.js'
import { writeDenoConfig } from './deno-config.js'
import type { FunctionEntry } from './function-catalog.js'
import type { HostInit } from './deno-host/host-messages.js'

export interface SpecContext {
  functionsDir: string
  hostScript: string
  /** Parent of the per-function temp folders (outside the data directory). */
  tmpRoot: string
  /** Deno's module cache (npm:, jsr:); Deno itself reads it, user code cannot. */
  denoDir: string
}

/** Variables of the runtime's own environment a worker may see: what Deno needs to find and trust the network. */
const PASSED = ['PATH', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'DENO_CERT', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy', 'LANG', 'TZ']

/** The process environment of a user-code worker (functions and jobs): its temp folder, Deno's cache, and PASSED. */
export function workerBaseEnv(tmpDir: string, denoDir: string): Record<string, string> {
  // The system's certificate store as well as Deno's own: npm:/jsr: fetches then work behind a proxy the OS trusts.
  const env: Record<string, string> = { HOME: tmpDir, TMPDIR: tmpDir, DENO_DIR: denoDir, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_TLS_CA_STORE: 'system,mozilla' }
  for (const k of PASSED) if (process.env[k]) env[k] = process.env[k]!
  return env
}

export function functionWorkerSpec(fn: FunctionEntry, c: SpecContext): WorkerSpec {
  const tmpDir = path.join(c.tmpRoot, fn.name)
  fs.mkdirSync(tmpDir, { recursive: true, mode: 0o700 })
  const { configFile, userConfig } = writeDenoConfig(c.functionsDir, fn.folder, tmpDir)
  const env = workerBaseEnv(tmpDir, c.denoDir)
  const read = [fn.folder ?? fn.entry, path.join(c.functionsDir, '_shared'), tmpDir]
  if (userConfig) read.push(userConfig)
  const write = [...(fn.folder ? [fn.folder] : []), tmpDir]
  const init: HostInit = { moduleUrl: pathToFileURL(fn.entry).href, wrapperDir: tmpDir }
  return {
    hostScript: c.hostScript,
    init,
    cwd: fn.folder ?? c.functionsDir,
    env,
    permissions: { net: true, read, write, env: ['FLUXBASE_*'] },
    memoryMb: fn.settings.memoryMb,
    configFile,
  }
}
