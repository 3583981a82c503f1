// test/bench/newest-mtime.ts — the newest modification time under a folder: benches use it to tell whether a build
// (out/server, out/renderer) is older than its sources.
import fs from 'node:fs'
import path from 'node:path'

export function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}
