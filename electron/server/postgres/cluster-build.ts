// postgres/cluster-build.ts — making clusters: the one initdb every cluster comes from (a data directory's own first
// start, or the cluster template), and the template's build (initdb, then the bootstrap migrations on a short-lived
// server, then a clean shutdown) for cluster-template.ts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { StartupError } from '../errors.js'
import type { PostgresBinaries } from './binaries.js'
import { userCanWrite, type OsUser } from './os-user.js'
import { freePort } from './free-port.js'
import { buildTemplate, templateCacheRoot } from './cluster-template.js'
import { lastErrorLine, run, startServer } from './server-process.js'

/**
 * The one initdb every cluster comes from, directly or through the template: same flags, same superuser.
 * `sync: false` (a data directory's own first start) skips initdb's final fsync of every file, a few hundred ms on a
 * slow disk; flushToDiskLater (cluster.ts) then makes the new cluster durable in the background, as for a copy.
 */
export async function initdb(binaries: PostgresBinaries, runAs: OsUser | undefined, target: string, password: string, options: { lowPriority?: boolean; sync?: boolean } = {}): Promise<void> {
  const pwfile = path.join(os.tmpdir(), `fluxbase-pw-${crypto.randomBytes(6).toString('hex')}`)
  fs.writeFileSync(pwfile, password + '\n', { mode: 0o600 })
  if (runAs) fs.chownSync(pwfile, runAs.uid, runAs.gid)
  try {
    const args = [`--pgdata=${target}`, '--username=postgres', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']
    if (options.sync === false) args.push('--no-sync')
    const { code, stderr } = await run(binaries.initdb, args, runAs, options.lowPriority)
    if (code !== 0) throw new StartupError(`initdb failed for ${target}: ${lastErrorLine(stderr)}`)
  } finally {
    fs.rmSync(pwfile, { force: true })
  }
}

/**
 * Runs the bootstrap migrations (postgres/migrations.ts) on a freshly made template cluster: a server on a free
 * port for the moment it takes, then a clean shutdown. A data directory made from it then finds them applied and
 * its first start skips that work (a few hundred ms of DDL); a runtime whose migrations changed uses another
 * template (the key carries their hash, see cluster-template.ts), and would apply any missing ones anyway.
 */
async function migrateTemplate(binaries: PostgresBinaries, runAs: OsUser | undefined, pgdata: string, password: string, lowPriority: boolean): Promise<void> {
  const port = await freePort()
  const server = startServer(binaries.postgres, pgdata, port, undefined, runAs, { lowPriority })
  const exited = new Promise<void>((resolve) => server.proc.once('exit', () => resolve()))
  try {
    await server.ready
    const [{ default: pg }, { applyMigrations }] = await Promise.all([import('pg'), import('./migrations.js')])
    const pool = new pg.Pool({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', max: 1 })
    try {
      await applyMigrations(pool)
    } finally {
      await pool.end()
    }
  } finally {
    // SIGINT = fast shutdown, with a checkpoint: the template is a cleanly stopped cluster.
    server.proc.kill('SIGINT')
    await exited
  }
}

/**
 * Makes the cluster template (cluster-template.ts) in `root`: after a first start (low priority, in the
 * background), or at install time (scripts/prepare-pg-template.mjs). Throws what went wrong.
 */
export async function buildClusterTemplate(root: string, binaries: PostgresBinaries, runAs: OsUser | undefined, options: { lowPriority?: boolean } = {}): Promise<void> {
  await buildTemplate(root, binaries.version, async (target, password) => {
    fs.mkdirSync(target, { mode: 0o700 })
    if (runAs) {
      // The cache root is root's (0700); initdb runs as the PostgreSQL user and needs its own way in.
      fs.chmodSync(root, 0o711)
      fs.chmodSync(path.dirname(target), 0o711)
      fs.chownSync(target, runAs.uid, runAs.gid)
      const parent = path.dirname(root)
      if (!userCanWrite(runAs, target) && parent === path.dirname(templateCacheRoot(runAs))) {
        // /var/lib/fluxbase-studio, when the template made it (0700) before any data directory there: let the
        // PostgreSQL user pass through, as binaries.ts and the data directory do.
        fs.chmodSync(parent, fs.statSync(parent).mode | 0o011)
      }
      if (!userCanWrite(runAs, target)) throw new StartupError(`the PostgreSQL user "${runAs.name}" cannot reach ${target}: a parent folder blocks it`)
    }
    await initdb(binaries, runAs, target, password, { lowPriority: options.lowPriority })
    await migrateTemplate(binaries, runAs, target, password, options.lowPriority ?? false)
  })
}
