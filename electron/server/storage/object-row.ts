// storage/object-row.ts — one storage.objects row as the server handles it, and its JSON on the wire. The JSON is a
// superset: upstream's names (bucket, path, mime_type, owner_id), what the SDK's list() reads (key, last_modified,
// created_at, updated_at, metadata) and Supabase's (name, bucket_id), so every client finds its field.
export interface ObjectRow {
  id: string
  bucket_id: string
  path: string
  mime_type: string
  size: number
  etag: string | null
  cache_control: string | null
  metadata: Record<string, unknown> | null
  owner_id: string | null
  version: string
  created_at: Date
  updated_at: Date
}

/** Column list for SELECT … RETURNING; size comes back as text (bigint) and is converted by toObjectRow. */
export const OBJECT_COLUMNS =
  'id::text, bucket_id, path, coalesce(mime_type, \'application/octet-stream\') AS mime_type, size::text AS size, etag, cache_control, metadata, owner_id::text, version::text, created_at, updated_at'

export function toObjectRow(r: Record<string, unknown>): ObjectRow {
  return {
    id: r.id as string,
    bucket_id: r.bucket_id as string,
    path: r.path as string,
    mime_type: r.mime_type as string,
    size: Number(r.size),
    etag: (r.etag as string | null) ?? null,
    cache_control: (r.cache_control as string | null) ?? null,
    metadata: (r.metadata as Record<string, unknown> | null) ?? null,
    owner_id: (r.owner_id as string | null) ?? null,
    version: r.version as string,
    created_at: r.created_at as Date,
    updated_at: r.updated_at as Date,
  }
}

export interface ObjectJson {
  id: string
  key: string
  name: string
  path: string
  bucket: string
  bucket_id: string
  size: number
  content_type: string
  mime_type: string
  etag: string | null
  cache_control: string | null
  metadata: Record<string, unknown> | null
  owner_id: string | null
  created_at: string
  updated_at: string
  last_modified: string
}

export function objectJson(row: ObjectRow): ObjectJson {
  return {
    id: row.id,
    key: row.path,
    name: row.path,
    path: row.path,
    bucket: row.bucket_id,
    bucket_id: row.bucket_id,
    size: row.size,
    content_type: row.mime_type,
    mime_type: row.mime_type,
    etag: row.etag ? `"${row.etag}"` : null,
    cache_control: row.cache_control,
    metadata: row.metadata,
    owner_id: row.owner_id,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    last_modified: row.updated_at.toISOString(),
  }
}
