-- 0402 — who may touch storage metadata. RLS is on for both tables and every API read or write of it runs as the
-- caller (postgres/with-identity.ts), exactly as for tables. What ships here is the least that makes buckets work;
-- everything else (e.g. "users manage files under their own user_id/ prefix") is the developer's policies.
-- service_role bypasses RLS (BYPASSRLS).

ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;

GRANT SELECT, INSERT, UPDATE, DELETE ON storage.buckets, storage.objects TO anon, authenticated, service_role;

-- A public bucket is one anyone may read from: its objects are visible to anon and to every user.
DROP POLICY IF EXISTS "public buckets are readable" ON storage.objects;
CREATE POLICY "public buckets are readable" ON storage.objects FOR SELECT TO anon, authenticated
  USING (storage.is_public_bucket(bucket_id));

DROP POLICY IF EXISTS "public buckets are visible" ON storage.buckets;
CREATE POLICY "public buckets are visible" ON storage.buckets FOR SELECT TO anon, authenticated
  USING (public);

-- Upstream lets admins (app role "admin") and the service key manage buckets.
DROP POLICY IF EXISTS "admins manage buckets" ON storage.buckets;
CREATE POLICY "admins manage buckets" ON storage.buckets FOR ALL TO authenticated
  USING (auth.is_admin()) WITH CHECK (auth.is_admin());

-- The API's login role reads bucket settings (existence, size limit, allowed types) before it streams a file, and
-- empties the garbage queue. It never reads or writes objects as itself.
GRANT USAGE ON SCHEMA storage TO fluxbase_api;
GRANT SELECT ON storage.buckets TO fluxbase_api;
GRANT SELECT, DELETE ON storage.garbage TO fluxbase_api;
DROP POLICY IF EXISTS "the API reads bucket settings" ON storage.buckets;
CREATE POLICY "the API reads bucket settings" ON storage.buckets FOR SELECT TO fluxbase_api
  USING (true);
