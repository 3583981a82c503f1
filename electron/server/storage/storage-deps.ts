// storage/storage-deps.ts — what the storage operations need from the runtime, built once by storage-routes.ts and
// shared with the studio's storage routes (which call the same operations under the impersonated identity).
import type { Pools } from '../context.js'
import { identityFromClaims, type Identity } from '../identity.js'
import type { LogBus } from '../logs/log-bus.js'
import type { DiskLayout } from './disk-layout.js'

export interface StorageDeps {
  pools: Pools
  layout: DiskLayout
  logs: LogBus
  /** HS256 key for signed URLs (the data directory's JWT secret). */
  secret: Uint8Array
  /** The server's own ceiling on one file, whatever a bucket allows. */
  maxUploadBytes: number
}

/** 50 GiB: a bucket's max_file_size is the usual limit; this only stops a runaway stream filling the disk. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 ** 3

/** Who signed-URL downloads and the studio (when no simulator identity is set) run as: RLS bypassed. */
export const SERVICE_IDENTITY: Identity = identityFromClaims({ role: 'service_role', sub: '' })
