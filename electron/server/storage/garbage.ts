// storage/garbage.ts — freeing disk space, always after the metadata change has committed: files of deleted or
// replaced objects (queued by a trigger in storage.garbage), and, at start-up, what a crash left behind (temp files,
// files no row names). A file is only ever removed once no committed row can point at it.
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { Pool } from 'pg'
import { isVersion, versionPath, type DiskLayout } from './disk-layout.js'
import { dropTransforms } from './image-transform.js'

async function unlinkQuietly(p: string): Promise<boolean> {
  try {
    await fsp.unlink(p)
    return true
  } catch {
    // Already gone, or held open on a platform that refuses (the start-up sweep retries it).
    return false
  }
}

/** Unlinks the files of objects deleted or replaced since the last run. Returns how many were removed. */
export async function collectGarbage(api: Pool, layout: DiskLayout): Promise<number> {
  const { rows } = await api.query<{ version: string }>('DELETE FROM storage.garbage RETURNING version::text')
  let removed = 0
  for (const { version } of rows) {
    if (await unlinkQuietly(versionPath(layout, version))) removed++
    await dropTransforms(layout, version)
  }
  return removed
}

export interface SweepResult {
  tempFiles: number
  orphans: number
}

/**
 * Removes temp files and unreferenced object files older than `before` (the runtime's start): anything newer may
 * belong to an upload in flight whose row has not committed yet. Reads every row's version as the superuser.
 */
export async function sweepOrphans(admin: Pool, layout: DiskLayout, before: Date): Promise<SweepResult> {
  const result: SweepResult = { tempFiles: 0, orphans: 0 }
  const old = async (p: string) => (await fsp.stat(p).catch(() => undefined))?.mtime.getTime() ?? Infinity
  for (const name of await fsp.readdir(layout.tmpDir).catch(() => [] as string[])) {
    const p = path.join(layout.tmpDir, name)
    if ((await old(p)) < before.getTime() && (await unlinkQuietly(p))) result.tempFiles++
  }
  for (const fan of await fsp.readdir(layout.objectsDir).catch(() => [] as string[])) {
    const dir = path.join(layout.objectsDir, fan)
    const names = (await fsp.readdir(dir).catch(() => [] as string[])).filter(isVersion)
    for (let i = 0; i < names.length; i += 1000) {
      const batch = names.slice(i, i + 1000)
      const { rows } = await admin.query<{ v: string }>(
        'SELECT v::text FROM unnest($1::uuid[]) AS v WHERE NOT EXISTS (SELECT 1 FROM storage.objects o WHERE o.version = v)',
        [batch],
      )
      for (const { v } of rows) {
        const p = path.join(dir, v)
        if ((await old(p)) < before.getTime() && (await unlinkQuietly(p))) result.orphans++
      }
    }
  }
  return result
}
