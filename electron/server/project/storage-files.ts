// project/storage-files.ts — the storage room's files (DATA_DIR/storage/objects) as snapshots and resets see them.
// Object files are written once and never changed (storage/disk-layout.ts: one file per version), so a copy is a
// tree of hard links: instant, and no extra space until the live file is deleted.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { diskLayout } from '../storage/disk-layout.js'

function linkTree(from: string, to: string): number {
  let bytes = 0
  fs.mkdirSync(to, { recursive: true, mode: 0o700 })
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name)
    const b = path.join(to, entry.name)
    if (entry.isDirectory()) bytes += linkTree(a, b)
    else if (entry.isFile()) {
      try {
        fs.linkSync(a, b)
      } catch {
        fs.copyFileSync(a, b) // another filesystem, or links not allowed
      }
      bytes += fs.statSync(b).size
    }
  }
  return bytes
}

export function treeSize(dir: string): number {
  let bytes = 0
  if (!fs.existsSync(dir)) return 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    bytes += entry.isDirectory() ? treeSize(p) : entry.isFile() ? fs.statSync(p).size : 0
  }
  return bytes
}

/** Copies the live object files to `dest` (a snapshot's folder). Returns their size in bytes. */
export function saveStorageFiles(dataDir: string, dest: string): number {
  const { objectsDir } = diskLayout(dataDir)
  if (!fs.existsSync(objectsDir)) {
    fs.mkdirSync(dest, { recursive: true, mode: 0o700 })
    return 0
  }
  return linkTree(objectsDir, dest)
}

/**
 * The live object files become a copy of `source` (a snapshot's), or none at all (a reset): built beside the live
 * folder, then swapped in with renames, so an interrupted restore leaves one complete folder under the live name.
 */
export function replaceStorageFiles(dataDir: string, source: string | undefined): void {
  const { root, objectsDir } = diskLayout(dataDir)
  fs.mkdirSync(root, { recursive: true, mode: 0o700 })
  const tag = crypto.randomBytes(4).toString('hex')
  const next = path.join(root, `objects.next-${tag}`)
  const old = path.join(root, `objects.old-${tag}`)
  if (source && fs.existsSync(source)) linkTree(source, next)
  else fs.mkdirSync(next, { recursive: true, mode: 0o700 })
  if (fs.existsSync(objectsDir)) fs.renameSync(objectsDir, old)
  fs.renameSync(next, objectsDir)
  fs.rmSync(old, { recursive: true, force: true })
}
