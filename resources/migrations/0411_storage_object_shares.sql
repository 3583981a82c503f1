-- 0411 — file shares (the SDK's share / revokeShare / listShares): an object's owner grants another user read or
-- write access to one object. The grant is a row here; the policies below make it count for that user, through the
-- same RLS as every other read and write of storage.objects. Written by the API's login role only.

CREATE TABLE IF NOT EXISTS storage.object_shares (
  object_id uuid NOT NULL REFERENCES storage.objects (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  permission text NOT NULL CHECK (permission IN ('read', 'write')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (object_id, user_id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON storage.object_shares TO fluxbase_api;
GRANT SELECT ON storage.object_shares TO service_role;

-- Security definer: the caller needs no access to the shares table to be let in by one of its rows.
CREATE OR REPLACE FUNCTION storage.has_share(object uuid, needs_write boolean) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$ SELECT EXISTS (SELECT 1 FROM storage.object_shares s WHERE s.object_id = object AND s.user_id = auth.uid()
                       AND (NOT needs_write OR s.permission = 'write')) $$;
REVOKE ALL ON FUNCTION storage.has_share(uuid, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION storage.has_share(uuid, boolean) TO anon, authenticated, service_role;

DROP POLICY IF EXISTS "shared objects are readable" ON storage.objects;
CREATE POLICY "shared objects are readable" ON storage.objects FOR SELECT TO authenticated
  USING (storage.has_share(id, false));

DROP POLICY IF EXISTS "objects shared for writing can be replaced" ON storage.objects;
CREATE POLICY "objects shared for writing can be replaced" ON storage.objects FOR UPDATE TO authenticated
  USING (storage.has_share(id, true)) WITH CHECK (storage.has_share(id, true));
