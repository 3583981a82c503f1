// project/types/export-types.ts — the one way every caller (the export endpoint, the types file, the `types` command)
// gets the types file's text: check the schemas exist, read the catalog, generate.
import type { Pool } from 'pg'
import { ApiError } from '../../errors.js'
import type { SchemaCache } from '../../rest/schema/schema-types.js'
import { generateTypes } from './generate-types.js'
import { readTypesCatalog } from './read-types-catalog.js'
import type { GenerateOptions } from './types-catalog.js'

export async function exportTypes(admin: Pool, cache: SchemaCache, options: GenerateOptions): Promise<string> {
  const { rows } = await admin.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE nspname = ANY($1::text[])', [options.schemas])
  const missing = options.schemas.filter((s) => !rows.some((r) => r.name === s))
  if (missing.length) {
    throw new ApiError(400, 'VALIDATION_ERROR', `no schema named ${missing.map((s) => `"${s}"`).join(', ')} in the database`)
  }
  return generateTypes(await readTypesCatalog(admin, cache, options.schemas), options)
}
