-- 0401 — storage helpers for policies (Supabase's foldername/filename/extension, and is_public_bucket) and the
-- triggers that keep the tables honest however they are written to (API, SQL console, a user's migration).

-- 'alice/docs/a.txt' → {alice,docs}: policies such as (storage.foldername(name))[1] = auth.uid()::text.
CREATE OR REPLACE FUNCTION storage.foldername(name text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (string_to_array(name, '/'))[1:cardinality(string_to_array(name, '/')) - 1] $$;

-- 'alice/docs/a.txt' → 'a.txt'
CREATE OR REPLACE FUNCTION storage.filename(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (string_to_array(name, '/'))[cardinality(string_to_array(name, '/'))] $$;

-- 'alice/docs/a.txt' → 'txt'. As Supabase: the part after the last dot of the file name (the whole name if none).
CREATE OR REPLACE FUNCTION storage.extension(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT reverse(split_part(reverse(storage.filename(name)), '.', 1)) $$;

-- Lets a policy on storage.objects ask whether a bucket is public without granting anyone SELECT on buckets.
CREATE OR REPLACE FUNCTION storage.is_public_bucket(bucket text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$ SELECT coalesce((SELECT b.public FROM storage.buckets b WHERE b.id = bucket), false) $$;

GRANT EXECUTE ON FUNCTION storage.foldername(text), storage.filename(text), storage.extension(text),
  storage.is_public_bucket(text) TO anon, authenticated, service_role;

CREATE OR REPLACE FUNCTION storage.touch_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS objects_touch_updated_at ON storage.objects;
CREATE TRIGGER objects_touch_updated_at BEFORE UPDATE ON storage.objects
  FOR EACH ROW EXECUTE FUNCTION storage.touch_updated_at();

-- Buckets: name defaults to id (Supabase-style inserts give both; the API gives one), and the two spellings of the
-- size limit (max_file_size, Supabase's file_size_limit) stay one setting, whichever a writer uses.
CREATE OR REPLACE FUNCTION storage.normalize_bucket() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.id := coalesce(NEW.id, NEW.name);
  NEW.name := coalesce(NEW.name, NEW.id);
  IF TG_OP = 'INSERT' THEN
    NEW.max_file_size := coalesce(NEW.max_file_size, NEW.file_size_limit);
  ELSIF NEW.max_file_size IS NOT DISTINCT FROM OLD.max_file_size AND NEW.file_size_limit IS DISTINCT FROM OLD.file_size_limit THEN
    NEW.max_file_size := NEW.file_size_limit;
  END IF;
  NEW.file_size_limit := NEW.max_file_size;
  IF TG_OP = 'UPDATE' THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS buckets_normalize ON storage.buckets;
CREATE TRIGGER buckets_normalize BEFORE INSERT OR UPDATE ON storage.buckets
  FOR EACH ROW EXECUTE FUNCTION storage.normalize_bucket();

-- A deleted or replaced object leaves its old file behind: queue it for the server to unlink once this commits.
-- SECURITY DEFINER: callers (anon, authenticated) never get rights on storage.garbage itself.
CREATE OR REPLACE FUNCTION storage.queue_garbage() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.version IS DISTINCT FROM OLD.version THEN
    INSERT INTO storage.garbage (version) VALUES (OLD.version) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS objects_queue_garbage ON storage.objects;
CREATE TRIGGER objects_queue_garbage AFTER UPDATE OF version OR DELETE ON storage.objects
  FOR EACH ROW EXECUTE FUNCTION storage.queue_garbage();
