// resources/scripts/refill-pg-spare.cjs — a detached helper process the runtime starts after a new data directory
// took the cluster template's spare copy (electron/server/postgres/cluster-spare.ts): it waits a little, so the
// app's own start has the disk to itself, then copies the template's pgdata into a staging folder and renames it
// into place as the next spare. Plain CommonJS with Node built-ins only: it runs the same from the TypeScript
// sources, the bundled CLI and the packaged app (as `node`, or Electron with ELECTRON_RUN_AS_NODE=1).
//
//   node refill-pg-spare.cjs TEMPLATE_DIR DELAY_MS [UID GID]
//
// One refill at a time per template (a lock file made with O_EXCL); a lock or staging folder left by a helper
// that died is recognised by its dead pid and cleared. Every failure is silent: the next start copies the
// template itself, as it would have without a spare.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const SPARE = 'spare-pgdata'
const LOCK = 'spare.lock'
const STAGING_PREFIX = `${SPARE}.tmp-`

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return err.code === 'EPERM'
  }
}

function takeLock(dir) {
  const file = path.join(dir, LOCK)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
      return file
    } catch (err) {
      if (err.code !== 'EEXIST') return undefined
      const owner = Number(fs.readFileSync(file, 'utf8'))
      if (owner && alive(owner)) return undefined
      fs.rmSync(file, { force: true })
    }
  }
  return undefined
}

function clearDeadStaging(dir) {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue
    const pid = Number(name.slice(STAGING_PREFIX.length).split('-')[0])
    if (pid && !alive(pid)) fs.rmSync(path.join(dir, name), { recursive: true, force: true })
  }
}

function chownTree(dir, uid, gid) {
  fs.chownSync(dir, uid, gid)
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) chownTree(p, uid, gid)
    else fs.lchownSync(p, uid, gid)
  }
}

function refill(templateDir, uid, gid) {
  const spare = path.join(templateDir, SPARE)
  if (fs.existsSync(spare) || !fs.existsSync(path.join(templateDir, 'pgdata', 'PG_VERSION'))) return
  const lock = takeLock(templateDir)
  if (!lock) return
  const staging = path.join(templateDir, `${STAGING_PREFIX}${process.pid}`)
  try {
    clearDeadStaging(templateDir)
    if (fs.existsSync(spare)) return
    fs.cpSync(path.join(templateDir, 'pgdata'), staging, { recursive: true, preserveTimestamps: true })
    fs.chmodSync(staging, 0o700)
    if (uid !== undefined) chownTree(staging, uid, gid)
    // On disk before it can be taken: a crash must never leave a torn spare for a later start to pick up.
    if (process.platform === 'linux') spawnSync('sync', ['-f', staging], { stdio: 'ignore' })
    fs.renameSync(staging, spare)
  } catch {
    fs.rmSync(staging, { recursive: true, force: true })
  } finally {
    fs.rmSync(lock, { force: true })
  }
}

const [templateDir, delayArg, uidArg, gidArg] = process.argv.slice(2)
const uid = uidArg === undefined ? undefined : Number(uidArg)
const gid = gidArg === undefined ? undefined : Number(gidArg)
setTimeout(() => {
  try {
    refill(templateDir, uid, gid)
  } catch {
    // The template went away (a cache folder deleted meanwhile): nothing to do.
  }
}, Number(delayArg) || 0)
