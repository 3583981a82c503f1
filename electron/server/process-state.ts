// process-state.ts — is a pid alive? A zombie (dead, but not yet reaped: common in containers whose init does not
// reap orphans) answers kill(pid, 0) like a live process, so on Linux /proc tells the two apart.
import fs from 'node:fs'

export type ProcessState = 'alive' | 'zombie' | 'dead'

export function processState(pid: number): ProcessState {
  if (!Number.isInteger(pid) || pid <= 0) return 'dead'
  try {
    process.kill(pid, 0)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return 'dead'
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 3, after the parenthesised command name (which may itself contain spaces or parentheses).
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    if (state === 'Z' || state === 'X') return 'zombie'
  } catch {
    // No /proc (macOS, Windows): kill(0) is all we have.
  }
  return 'alive'
}

export function isProcessAlive(pid: number): boolean {
  return processState(pid) === 'alive'
}
