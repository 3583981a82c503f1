-- 0001 — the roles every request runs as, the API's login role, the Fluxbase schemas and the auth.* helpers.
-- Idempotent: safe to re-run against an existing server (--database-url).

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anon') THEN
    CREATE ROLE anon NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticated') THEN
    CREATE ROLE authenticated NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'service_role') THEN
    CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
  END IF;
  -- The API logs in as this role: not a superuser, owns no tables, and can only become the three above.
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fluxbase_api') THEN
    CREATE ROLE fluxbase_api LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  END IF;
END
$$;

GRANT anon, authenticated, service_role TO fluxbase_api;

CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS storage;
CREATE SCHEMA IF NOT EXISTS realtime;
CREATE SCHEMA IF NOT EXISTS rpc;
CREATE SCHEMA IF NOT EXISTS app;

GRANT USAGE ON SCHEMA public, auth, storage, realtime, rpc, app TO anon, authenticated, service_role;

-- The public schema is closed by default (as upstream): only service_role gets default privileges.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT ALL ON ALL TABLES IN SCHEMA public TO service_role;
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO service_role;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO service_role;

-- Claims of the current request, as set by the API (request.jwt.claims); NULL-safe outside a request.
CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb
  LANGUAGE sql STABLE
  AS $$ SELECT coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb $$;

CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(auth.jwt() ->> 'sub', '')::uuid $$;

CREATE OR REPLACE FUNCTION auth.current_user_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT auth.uid() $$;

CREATE OR REPLACE FUNCTION auth.role() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT coalesce(nullif(auth.jwt() ->> 'role', ''), 'anon') $$;

CREATE OR REPLACE FUNCTION auth.current_user_role() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT auth.role() $$;

CREATE OR REPLACE FUNCTION auth.email() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT auth.jwt() ->> 'email' $$;

CREATE OR REPLACE FUNCTION auth.is_authenticated() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT auth.uid() IS NOT NULL AND auth.role() <> 'anon' $$;

CREATE OR REPLACE FUNCTION auth.is_admin() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT auth.role() = 'admin' $$;

CREATE OR REPLACE FUNCTION auth.enable_rls(table_name text, schema_name text DEFAULT 'public') RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', schema_name, table_name);
  EXECUTE format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', schema_name, table_name);
END
$$;

CREATE OR REPLACE FUNCTION auth.disable_rls(table_name text, schema_name text DEFAULT 'public') RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I.%I DISABLE ROW LEVEL SECURITY', schema_name, table_name);
END
$$;

GRANT EXECUTE ON FUNCTION auth.jwt(), auth.uid(), auth.current_user_id(), auth.role(), auth.current_user_role(),
  auth.email(), auth.is_authenticated(), auth.is_admin() TO anon, authenticated, service_role;
REVOKE EXECUTE ON FUNCTION auth.enable_rls(text, text), auth.disable_rls(text, text) FROM PUBLIC;
