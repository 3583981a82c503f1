// postgres/os-user.ts — PostgreSQL refuses to run as root. When we are root, find (or create once) an
// unprivileged system user to run initdb and postgres as; otherwise run as ourselves.
import fs from 'node:fs'
import { execFileSync, spawnSync } from 'node:child_process'
import { StartupError } from '../errors.js'

export interface OsUser {
  name: string
  uid: number
  gid: number
}

const CANDIDATES = ['postgres', 'fluxbase-pg']

/** From /etc/passwd when the user is there (system users are): no process to spawn on every start. */
function fromPasswd(name: string): OsUser | undefined {
  try {
    for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [user, , uid, gid] = line.split(':')
      if (user === name && /^\d+$/.test(uid ?? '') && /^\d+$/.test(gid ?? '')) return { name, uid: Number(uid), gid: Number(gid) }
    }
  } catch {
    // No readable /etc/passwd: ask id(1), which also sees users from other name services.
  }
  return undefined
}

function lookup(name: string): OsUser | undefined {
  const local = fromPasswd(name)
  if (local) return local
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' })
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' })
  if (uid.status !== 0 || gid.status !== 0) return undefined
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
}

/** undefined when not root: PostgreSQL then simply runs as the current user. */
export function postgresOsUser(): OsUser | undefined {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return undefined
  for (const name of CANDIDATES) {
    const user = lookup(name)
    if (user) return user
  }
  try {
    execFileSync('useradd', ['--system', '--no-create-home', '--user-group', '--shell', '/usr/sbin/nologin', 'fluxbase-pg'], { stdio: 'pipe' })
  } catch (err) {
    throw new StartupError(`running as root, and no unprivileged user could be created for PostgreSQL (useradd failed: ${(err as Error).message.split('\n')[0]})`)
  }
  const created = lookup('fluxbase-pg')
  if (!created) throw new StartupError('running as root, and the user created for PostgreSQL (fluxbase-pg) cannot be found')
  return created
}

/** Can `user` create files in `dir` (i.e. reach it through every parent folder)? */
export function userCanWrite(user: OsUser, dir: string): boolean {
  const res = spawnSync('/bin/sh', ['-c', 'test -w "$1" && test -x "$1"', 'sh', dir], { uid: user.uid, gid: user.gid })
  return res.status === 0
}
