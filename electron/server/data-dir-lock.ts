// data-dir-lock.ts — one runtime per data directory. The lock file names the owner (pid, API URL) so a second
// runtime can refuse with a clear message; a lock left by a runtime that died (kill -9) is taken over.
import fs from 'node:fs'
import path from 'node:path'
import { StartupError } from './errors.js'
import { isProcessAlive } from './process-state.js'

export { isProcessAlive }

export interface LockInfo {
  pid: number
  startedAt: string
  apiUrl?: string
}

export interface DataDirLock {
  update(info: Partial<LockInfo>): void
  release(): void
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'runtime.lock')
  const mine: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 })
      return {
        update(info) {
          Object.assign(mine, info)
          fs.writeFileSync(file, JSON.stringify(mine), { mode: 0o600 })
        },
        release() {
          try {
            const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo
            if (current.pid === process.pid) fs.unlinkSync(file)
          } catch {
            // Already gone.
          }
        },
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new StartupError(`cannot write to the data directory ${dataDir}: permission denied`)
      }
      if (code !== 'EEXIST') throw err
      let owner: LockInfo | undefined
      try {
        owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo
      } catch {
        owner = undefined
      }
      if (owner && owner.pid !== process.pid && isProcessAlive(owner.pid)) {
        const where = owner.apiUrl ? ` serving ${owner.apiUrl}` : ''
        throw new StartupError(`the data directory ${dataDir} is in use by another Fluxbase Studio (pid ${owner.pid}${where}); stop it first or choose another --data-dir`)
      }
      // The previous owner died without cleaning up: take the lock over.
      try {
        fs.unlinkSync(file)
      } catch {
        // Someone else removed it first; retry.
      }
    }
  }
  throw new StartupError(`could not lock the data directory ${dataDir}`)
}
