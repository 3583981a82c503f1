// project/snapshots.ts — named snapshots of the database and the storage files, kept in the data directory:
// DATA_DIR/snapshots/<name>/snapshot.json + storage/ (hard links), the database as a sealed copy in the cluster
// (fluxbase_snap_<id>). snapshot.json is written last: a snapshot without it was interrupted and does not exist.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { dropDatabase, sealDatabase } from './database-swap.js'
import { copyLiveDatabase, exclusive, replaceLiveDatabase } from './live-swap.js'
import { replaceStorageFiles, saveStorageFiles, treeSize } from './storage-files.js'

export interface SnapshotInfo {
  name: string
  createdAt: string
  /** Database + storage files, bytes. */
  sizeBytes: number
  storageBytes: number
  postgresVersion: string
}

interface SnapshotFile extends Omit<SnapshotInfo, 'sizeBytes' | 'storageBytes'> {
  database: string
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/

export function checkSnapshotName(name: string): string {
  if (!NAME.test(name) || name.includes('..')) {
    throw new ApiError(400, 'INVALID_SNAPSHOT_NAME', `"${name}" is not a snapshot name: use letters, digits, "_", "-" and "." (no slashes or paths, at most 63 characters)`)
  }
  return name
}

function snapshotsDir(ctx: ServerContext): string {
  return path.join(ctx.config.dataDir, 'snapshots')
}

function readSnapshot(ctx: ServerContext, name: string): SnapshotFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(snapshotsDir(ctx), name, 'snapshot.json'), 'utf8')) as SnapshotFile
  } catch {
    return undefined
  }
}

const major = (version: string) => version.split('.')[0]

export async function listSnapshots(ctx: ServerContext): Promise<SnapshotInfo[]> {
  const dir = snapshotsDir(ctx)
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []
  const out: SnapshotInfo[] = []
  for (const name of names) {
    const s = readSnapshot(ctx, name)
    if (!s) continue
    const { rows } = await ctx.pools.admin.query<{ size: number | null }>('SELECT pg_database_size(datname)::float8 AS size FROM pg_database WHERE datname = $1', [s.database])
    const storageBytes = treeSize(path.join(dir, name, 'storage'))
    out.push({ name: s.name, createdAt: s.createdAt, postgresVersion: s.postgresVersion, storageBytes, sizeBytes: (rows[0]?.size ?? 0) + storageBytes })
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
}

export async function saveSnapshot(ctx: ServerContext, name: string): Promise<SnapshotInfo> {
  checkSnapshotName(name)
  return exclusive(ctx, 'snapshot', async (maint) => {
    const folder = path.join(snapshotsDir(ctx), name)
    if (readSnapshot(ctx, name)) throw new ApiError(409, 'SNAPSHOT_EXISTS', `a snapshot named "${name}" already exists: delete it first or choose another name`)
    fs.rmSync(folder, { recursive: true, force: true }) // an interrupted save of the same name
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
    const database = `fluxbase_snap_${crypto.randomBytes(6).toString('hex')}`
    try {
      await copyLiveDatabase(ctx, maint, database)
      await sealDatabase(maint, database)
      saveStorageFiles(ctx.config.dataDir, path.join(folder, 'storage'))
      const file: SnapshotFile = { name, createdAt: new Date().toISOString(), postgresVersion: ctx.postgresVersion, database }
      const tmp = path.join(folder, 'snapshot.json.tmp')
      fs.writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 })
      fs.renameSync(tmp, path.join(folder, 'snapshot.json'))
    } catch (err) {
      await dropDatabase(maint, database).catch(() => undefined)
      fs.rmSync(folder, { recursive: true, force: true })
      throw err
    }
    ctx.logs.log({ category: 'system', level: 'info', component: 'project', message: `snapshot "${name}" saved` })
    return (await listSnapshots(ctx)).find((s) => s.name === name)!
  })
}

function existing(ctx: ServerContext, name: string): SnapshotFile {
  checkSnapshotName(name)
  const s = readSnapshot(ctx, name)
  if (!s) throw new ApiError(404, 'SNAPSHOT_NOT_FOUND', `there is no snapshot named "${name}"`)
  return s
}

export async function restoreSnapshot(ctx: ServerContext, name: string): Promise<void> {
  const s = existing(ctx, name)
  if (major(s.postgresVersion) !== major(ctx.postgresVersion)) {
    throw new ApiError(409, 'SNAPSHOT_VERSION', `snapshot "${name}" was taken with PostgreSQL ${s.postgresVersion}; this runtime runs ${ctx.postgresVersion}, which cannot read it`)
  }
  await exclusive(ctx, 'snapshot restore', async (maint) => {
    const { rows } = await maint.query('SELECT 1 FROM pg_database WHERE datname = $1', [s.database])
    if (!rows.length) throw new ApiError(409, 'SNAPSHOT_BROKEN', `snapshot "${name}" has lost its database copy (${s.database}); it cannot be restored`)
    await replaceLiveDatabase(ctx, maint, s.database)
    replaceStorageFiles(ctx.config.dataDir, path.join(snapshotsDir(ctx), name, 'storage'))
  })
  ctx.logs.log({ category: 'system', level: 'info', component: 'project', message: `snapshot "${name}" restored` })
}

export async function deleteSnapshot(ctx: ServerContext, name: string): Promise<void> {
  const s = existing(ctx, name)
  await exclusive(ctx, 'snapshot delete', async (maint) => {
    // The description goes first: a kill -9 after it leaves an orphan copy, never a listed snapshot without one.
    fs.rmSync(path.join(snapshotsDir(ctx), name, 'snapshot.json'), { force: true })
    await dropDatabase(maint, s.database)
    fs.rmSync(path.join(snapshotsDir(ctx), name), { recursive: true, force: true })
  })
}
