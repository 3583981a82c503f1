// storage/disk-layout.ts — where bytes live: DATA_DIR/storage/objects/<2 hex>/<version uuid>, written through
// DATA_DIR/storage/tmp on the same filesystem (so the final rename is atomic). File names are made by the server
// (random UUIDs), never derived from bucket or key, and every path is checked to stay under the root anyway.
import fs from 'node:fs'
import path from 'node:path'

export interface DiskLayout {
  root: string
  objectsDir: string
  tmpDir: string
}

const VERSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function diskLayout(dataDir: string): DiskLayout {
  const root = path.resolve(dataDir, 'storage')
  return { root, objectsDir: path.join(root, 'objects'), tmpDir: path.join(root, 'tmp') }
}

export function ensureDirs(layout: DiskLayout): void {
  fs.mkdirSync(layout.objectsDir, { recursive: true, mode: 0o700 })
  fs.mkdirSync(layout.tmpDir, { recursive: true, mode: 0o700 })
}

export function isVersion(value: string): boolean {
  return VERSION.test(value)
}

/** Defence in depth: a computed path must sit strictly inside `dir`. */
export function assertInside(dir: string, candidate: string): string {
  const rel = path.relative(dir, candidate)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`storage path escapes ${dir}: ${candidate}`)
  return candidate
}

export function versionPath(layout: DiskLayout, version: string): string {
  if (!isVersion(version)) throw new Error(`not a storage version id: ${JSON.stringify(version)}`)
  return assertInside(layout.objectsDir, path.join(layout.objectsDir, version.slice(0, 2), version))
}
