-- 0105 — who may touch the auth tables. The API's login role (fluxbase_api, NOINHERIT) gets direct grants: auth/
-- runs its statements as itself, never as a request's role. service_role (the service key) may read users and
-- sessions and edit or delete users over REST, as an admin would; anon and authenticated get nothing here.

GRANT USAGE ON SCHEMA auth TO fluxbase_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON auth.users, auth.passwords, auth.sessions, auth.revoked_tokens,
  auth.deleted_users, auth.one_time_tokens, auth.impersonation_sessions TO fluxbase_api;

GRANT SELECT, UPDATE, DELETE ON auth.users TO service_role;
GRANT SELECT ON auth.sessions, auth.impersonation_sessions TO service_role;
