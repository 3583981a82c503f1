-- 0400 — storage.buckets and storage.objects: the metadata of the files kept under DATA_DIR/storage. The bytes live
-- on disk under a server-made name (the row's `version`), never a name derived from the object's key, so a key can
-- never point outside the store. Column names follow upstream (path, owner_id) with Supabase's names (name, owner)
-- as generated aliases, so policies written either way work.

CREATE TABLE IF NOT EXISTS storage.buckets (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  public boolean NOT NULL DEFAULT false,
  -- e.g. {image/png, image/*}; NULL or empty: any type.
  allowed_mime_types text[],
  -- Bytes; NULL: no limit beyond the server's. `file_size_limit` is Supabase's name for the same setting.
  max_file_size bigint,
  file_size_limit bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- The same rule as the API (storage/bucket-name.ts): URL-safe, and never a name the routes reserve.
  CONSTRAINT buckets_id_valid CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' AND id NOT IN ('buckets', 'object')),
  CONSTRAINT buckets_max_file_size_valid CHECK (max_file_size IS NULL OR max_file_size >= 0),
  CONSTRAINT buckets_file_size_limit_valid CHECK (file_size_limit IS NULL OR file_size_limit >= 0)
);

CREATE TABLE IF NOT EXISTS storage.objects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- No ON DELETE CASCADE: a bucket that still holds objects cannot be deleted (409), as upstream.
  bucket_id text NOT NULL REFERENCES storage.buckets (id) ON UPDATE CASCADE,
  path text NOT NULL,
  name text GENERATED ALWAYS AS (path) STORED,
  mime_type text,
  size bigint NOT NULL DEFAULT 0,
  etag text,
  cache_control text,
  metadata jsonb,
  -- No foreign key to auth.users: tokens minted for tests or by the studio may name users that have no row.
  owner_id uuid,
  owner uuid GENERATED ALWAYS AS (owner_id) STORED,
  -- The file on disk: DATA_DIR/storage/objects/<first two hex digits>/<version>. A new upload gets a new version.
  version uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT objects_bucket_path_key UNIQUE (bucket_id, path),
  CONSTRAINT objects_version_key UNIQUE (version)
);

CREATE INDEX IF NOT EXISTS objects_owner_id_idx ON storage.objects (owner_id);
-- Prefix listings (starts_with / range scans) in C order, whatever the database's collation.
CREATE INDEX IF NOT EXISTS objects_bucket_path_c_idx ON storage.objects (bucket_id, path COLLATE "C");

-- Files whose row was deleted or replaced: the server unlinks them after the change commits (storage/garbage.ts).
-- Filled by a trigger, so deletes made from the SQL console free their files too.
CREATE TABLE IF NOT EXISTS storage.garbage (
  version uuid PRIMARY KEY,
  queued_at timestamptz NOT NULL DEFAULT now()
);
