// postgres/prepare-template.ts — makes the cluster template (cluster-template.ts) ahead of any start, for
// `npm install` (scripts/prepare-pg-template.mjs): then a user's very first start copies it instead of running
// initdb. The same cache root, binaries, PostgreSQL user and initdb as the runtime's own background build, so the
// result is the very template the runtime would make (same version key, same bootstrap-password handling: the
// password is kept in the template's marker and rotated by each new data directory's first start). It also makes
// the template's spare copy (cluster-spare.ts), which that first start takes with a rename.
import path from 'node:path'
import { resolveConfig } from '../config.js'
import { postgresOsUser } from './os-user.js'
import { locateBinaries } from './binaries.js'
import { findTemplate, templateCacheRoot } from './cluster-template.js'
import { makeSpareNow } from './cluster-spare.js'

export type PrepareResult =
  | { status: 'off' }
  | { status: 'present'; dir: string }
  | { status: 'made'; dir: string; ms: number }

/** Throws what went wrong (a one-line message); the caller decides that it never fails an install. */
export async function prepareClusterTemplate(): Promise<PrepareResult> {
  // FLUXBASE_PG_TEMPLATE_CACHE is read exactly as the runtime reads it ("off", or a folder).
  const configured = resolveConfig().pgTemplateCache
  if (configured === false) return { status: 'off' }
  const runAs = postgresOsUser()
  const root = configured ?? templateCacheRoot(runAs)
  // As root: where runtime.ts keeps the binaries the PostgreSQL user can reach (copied there when it cannot reach
  // node_modules). Otherwise only the record of the `postgres --version` probe lives there: the cache root will do.
  const binaries = await locateBinaries(runAs, runAs ? path.join('/var/lib/fluxbase-studio', '.postgresql') : root)
  const present = findTemplate(root, binaries.version)
  if (present) {
    // Its spare may have been taken since: the next first start then has one again.
    makeSpareNow(present, runAs)
    return { status: 'present', dir: present.dir }
  }
  const t0 = performance.now()
  // Loaded only when there is work to do: a no-op stays quick.
  const { buildClusterTemplate } = await import('./cluster-build.js')
  await buildClusterTemplate(root, binaries, runAs)
  const made = findTemplate(root, binaries.version)
  if (!made) throw new Error(`${root} holds an unusable template for PostgreSQL ${binaries.version}`)
  makeSpareNow(made, runAs)
  return { status: 'made', dir: made.dir, ms: Math.round(performance.now() - t0) }
}
