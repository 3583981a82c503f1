// rpc/sync-procedure-files.ts — a project folder of procedure files → the registry. `dir/*.sql` go to the
// `default` namespace, `dir/<namespace>/*.sql` to that namespace; the file name is the name unless annotated.
// Filesystem procedures that disappeared from the folder are removed; those created through the API are kept.
import fs from 'node:fs'
import path from 'node:path'
import type { Pool } from 'pg'
import { parseProcedureFile } from './parse-annotations.js'
import { upsertProcedure } from './procedure-store.js'
import type { Procedure } from './procedure-types.js'

export interface SyncResult {
  synced: Procedure[]
  removed: string[]
}

export async function syncProcedureFiles(admin: Pool, dir: string): Promise<SyncResult> {
  const files: Array<{ file: string; namespace: string }> = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.sql')) files.push({ file: path.join(dir, entry.name), namespace: 'default' })
    else if (entry.isDirectory()) {
      for (const sub of fs.readdirSync(path.join(dir, entry.name))) {
        if (sub.endsWith('.sql')) files.push({ file: path.join(dir, entry.name, sub), namespace: entry.name })
      }
    }
  }
  const synced: Procedure[] = []
  for (const { file, namespace } of files) {
    const def = parseProcedureFile(fs.readFileSync(file, 'utf8'), path.basename(file, '.sql'), namespace)
    if (def.sqlQuery) synced.push(await upsertProcedure(admin, def, 'filesystem'))
  }
  const keep = synced.map((p) => `${p.namespace}/${p.name}`)
  const { rows } = await admin.query<{ key: string }>(
    `DELETE FROM rpc.procedures WHERE source = 'filesystem' AND NOT (namespace || '/' || name = ANY($1::text[])) RETURNING namespace || '/' || name AS key`, [keep])
  return { synced, removed: rows.map((r) => r.key) }
}
