-- 0410 — resumable (chunked) upload sessions: what was announced at init and which chunks have arrived. The chunks
-- themselves wait on disk under DATA_DIR/storage/chunked/<session>/ until complete or abort, so an upload survives a
-- restart of the runtime between parts. Read and written by the API's login role only; the object row is written at
-- completion as the caller (storage/chunked-uploads.ts), under the policies on storage.objects.

CREATE TABLE IF NOT EXISTS storage.chunked_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bucket_id text NOT NULL REFERENCES storage.buckets (id) ON UPDATE CASCADE ON DELETE CASCADE,
  path text NOT NULL,
  total_size bigint NOT NULL CHECK (total_size >= 0),
  chunk_size bigint NOT NULL CHECK (chunk_size > 0),
  total_chunks integer NOT NULL CHECK (total_chunks >= 0),
  content_type text NOT NULL,
  cache_control text,
  metadata jsonb,
  -- Who may continue it: the user id, or "role:<app role>" for keys without a user.
  owner_key text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completing', 'completed', 'aborted')),
  completed_chunks integer[] NOT NULL DEFAULT '{}',
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS chunked_uploads_status_idx ON storage.chunked_uploads (status, expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON storage.chunked_uploads TO fluxbase_api;
GRANT SELECT ON storage.chunked_uploads TO service_role;
