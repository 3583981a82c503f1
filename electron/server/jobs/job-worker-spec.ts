// jobs/job-worker-spec.ts — how a job function's Deno workers are started (contract §4.4 annotations, decision 4):
// network and FLUXBASE_* variables unless the annotations remove them; reading the job's own file or folder,
// `_shared/` and its temp folder; writing the temp folder (and its own folder only with allow-write). Never the data
// directory: keys, secrets and pgdata stay out of reach.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { WorkerSpec } from '../deno/deno-worker.js'
import { writeDenoConfig } from '../functions/deno-config.js'
import type { CatalogEntry } from '../functions/function-catalog.js'
import { workerBaseEnv } from '../functions/function-worker-spec.js'
import type { JobSettings } from './job-annotations.js'
import type { JobHostInit } from './deno-host/job-host-messages.js'

export interface JobSpecContext {
  jobsDir: string
  hostScript: string
  /** Parent of the per-job temp folders (outside the data directory). */
  tmpRoot: string
  /** Deno's module cache (npm:, jsr:). */
  denoDir: string
  /** The runtime's API (FLUXBASE_URL): reachable even with allow-net false, or the job's own clients could not work.
   *  Empty before the API listens (a load check at start-up needs no network). */
  apiUrl: string
}

/** `host:port` forms Deno's --allow-net needs for the API (localhost and its loopback addresses). */
export function apiNetHosts(apiUrl: string): string[] {
  const u = new URL(apiUrl)
  const port = u.port || (u.protocol === 'https:' ? '443' : '80')
  return [...new Set([u.hostname, 'localhost', '127.0.0.1'])].map((h) => `${h}:${port}`)
}

export function jobWorkerSpec(job: CatalogEntry<JobSettings>, c: JobSpecContext): WorkerSpec {
  const tmpDir = path.join(c.tmpRoot, job.name)
  fs.mkdirSync(tmpDir, { recursive: true, mode: 0o700 })
  const { configFile, userConfig } = writeDenoConfig(c.jobsDir, job.folder, tmpDir)
  const env = workerBaseEnv(tmpDir, c.denoDir)
  const own = job.folder ?? job.entry
  const read = [own, path.join(c.jobsDir, '_shared'), tmpDir]
  if (userConfig) read.push(userConfig)
  const write = [tmpDir, ...(job.settings.allowWrite && job.folder ? [job.folder] : [])]
  const init: JobHostInit = { moduleUrl: pathToFileURL(job.entry).href }
  return {
    hostScript: c.hostScript,
    init,
    cwd: job.folder ?? c.jobsDir,
    env,
    // The host itself reads FLUXBASE_URL and the tokens to build the clients: FLUXBASE_* stays readable even when
    // allow-env is false; allow-env false only keeps the rest of the worker's environment out.
    permissions: { net: job.settings.allowNet || (c.apiUrl ? apiNetHosts(c.apiUrl) : false), read, write, env: job.settings.allowEnv ? ['FLUXBASE_*', 'HOME', 'TMPDIR'] : ['FLUXBASE_*'] },
    memoryMb: job.settings.memoryMb,
    configFile,
  }
}
