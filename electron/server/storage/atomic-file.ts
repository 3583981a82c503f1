// storage/atomic-file.ts — bytes onto disk without ever showing a half file: stream into DATA_DIR/storage/tmp,
// fsync, then rename into objects/ (same filesystem, so the rename is atomic) and fsync the folder. Nothing points at
// the new file until its metadata row commits (object-writes.ts); a crash before that leaves an orphan that the
// start-up sweep (garbage.ts) removes. Memory stays at a few stream buffers whatever the size.
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import crypto from 'node:crypto'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { ApiError } from '../errors.js'
import { assertInside, versionPath, type DiskLayout } from './disk-layout.js'

export interface ReceivedFile {
  tmpPath: string
  size: number
  /** Hex MD5 of the bytes kept: the object's ETag. */
  md5: string
  /** More than maxBytes arrived: the extra was read and dropped, and the temp file is already gone. */
  truncated: boolean
}

function tempPath(layout: DiskLayout): string {
  return assertInside(layout.tmpDir, path.join(layout.tmpDir, `${crypto.randomUUID()}.part`))
}

function diskError(err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ApiError(507, 'INSUFFICIENT_STORAGE', 'the disk holding the data directory is full: free some space and upload again')
  }
  return err
}

async function fsyncPath(p: string): Promise<void> {
  const fh = await fsp.open(p, 'r')
  try {
    await fh.sync()
  } catch (err) {
    // Some platforms refuse fsync on a directory (Windows): the rename is still atomic there.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EBADF'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err
  } finally {
    await fh.close()
  }
}

export async function discard(p: string | undefined): Promise<void> {
  if (p) await fsp.rm(p, { force: true }).catch(() => undefined)
}

/**
 * Streams `source` into a new temp file. Past `maxBytes` the rest is still read (so the client gets its answer
 * instead of a reset connection) but dropped, and the result says `truncated`.
 */
export async function receiveToTemp(layout: DiskLayout, source: Readable, maxBytes: number): Promise<ReceivedFile> {
  const tmpPath = tempPath(layout)
  const hash = crypto.createHash('md5')
  let size = 0
  let truncated = false
  // Recreated if someone removed it while the runtime was up.
  await fsp.mkdir(layout.tmpDir, { recursive: true, mode: 0o700 })
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (truncated) return done()
      if (size + chunk.length > maxBytes) {
        truncated = true
        return done()
      }
      size += chunk.length
      hash.update(chunk)
      done(null, chunk)
    },
  })
  try {
    await pipeline(source, limiter, fs.createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }))
    if (truncated) {
      await discard(tmpPath)
    } else {
      await fsyncPath(tmpPath)
    }
  } catch (err) {
    await discard(tmpPath)
    throw diskError(err)
  }
  return { tmpPath, size, md5: hash.digest('hex'), truncated }
}

/** A durable temp copy of an existing object's file (copy-on-write where the filesystem can). */
export async function copyToTemp(layout: DiskLayout, version: string): Promise<string> {
  await fsp.mkdir(layout.tmpDir, { recursive: true, mode: 0o700 })
  const tmpPath = tempPath(layout)
  try {
    await fsp.copyFile(versionPath(layout, version), tmpPath, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE)
    await fsyncPath(tmpPath)
  } catch (err) {
    await discard(tmpPath)
    throw diskError(err)
  }
  return tmpPath
}

/** Moves a durable temp file to its final name. Until a row names `version`, no reader can reach it. */
export async function placeFile(layout: DiskLayout, tmpPath: string, version: string): Promise<string> {
  const target = versionPath(layout, version)
  const dir = path.dirname(target)
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 })
  await fsp.rename(assertInside(layout.tmpDir, tmpPath), target)
  await fsyncPath(dir)
  return target
}
