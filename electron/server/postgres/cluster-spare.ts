// postgres/cluster-spare.ts — a ready-made copy of the cluster template (cluster-template.ts), kept beside it, that
// a new data directory takes with one rename instead of copying ~1,000 files. Creating files is the slow part of a
// first start on many disks (about a millisecond each on the 2-core CI machine, so a copy costs a second there),
// and a rename costs nothing. After a data directory takes the spare, a detached helper process
// (resources/scripts/refill-pg-spare.cjs) makes the next one a few seconds later, off the app's critical path.
// `npm install` makes the first one with the template (prepare-template.ts).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { resourcesDir } from '../resources.js'
import type { ClusterTemplate } from './cluster-template.js'
import type { OsUser } from './os-user.js'

const SPARE = 'spare-pgdata'
/** The refill waits this long, so a start that just took the spare has the disk to itself. */
const REFILL_DELAY_MS = 3000

function spareDir(template: ClusterTemplate): string {
  return path.join(template.dir, SPARE)
}

/**
 * Moves the spare into `pgdata`, an empty folder just made for it (rename replaces an empty folder on Linux and
 * macOS). False when there is no spare, another start took it first, or it lives on another filesystem: the
 * caller then copies the template.
 */
export function takeSpare(template: ClusterTemplate, pgdata: string): boolean {
  if (!hasSpare(template)) return false
  try {
    fs.renameSync(spareDir(template), pgdata)
  } catch {
    return false
  }
  fs.chmodSync(pgdata, 0o700)
  return true
}

export function hasSpare(template: ClusterTemplate): boolean {
  return fs.existsSync(path.join(spareDir(template), 'PG_VERSION'))
}

/** Starts the detached helper that makes the next spare; it outlives this process (a runtime may stop at once). */
export function refillSpareLater(template: ClusterTemplate, runAs: OsUser | undefined, delayMs = REFILL_DELAY_MS): void {
  if (process.platform === 'win32' || hasSpare(template)) return
  const args = helperArgs(template, runAs, delayMs)
  try {
    // Inside Electron, execPath is the app itself: ELECTRON_RUN_AS_NODE makes it a plain Node for the helper.
    const child = spawn(process.execPath, args, { detached: true, stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } })
    child.on('error', () => undefined)
    if (child.pid) os.setPriority(child.pid, 19)
    child.unref()
  } catch {
    // No spare next time: that start copies the template, as without this.
  }
}

/** Makes the spare now and waits for it (the install step: the first start after `npm install` takes it). */
export function makeSpareNow(template: ClusterTemplate, runAs: OsUser | undefined): boolean {
  if (hasSpare(template)) return true
  spawnSync(process.execPath, helperArgs(template, runAs, 0), { stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 120_000 })
  return hasSpare(template)
}

function helperArgs(template: ClusterTemplate, runAs: OsUser | undefined, delayMs: number): string[] {
  const script = path.join(resourcesDir(), 'scripts', 'refill-pg-spare.cjs')
  return [script, template.dir, String(delayMs), ...(runAs ? [String(runAs.uid), String(runAs.gid)] : [])]
}
