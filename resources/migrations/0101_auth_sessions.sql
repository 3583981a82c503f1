-- 0101 — auth.sessions: one row per sign-in. Access tokens name their session (`session_id`); the refresh token in
-- force is `refresh_jti`, and the one it replaced is kept to tell a concurrent refresh from a stolen token's reuse.

CREATE TABLE IF NOT EXISTS auth.sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  refresh_jti uuid NOT NULL,
  previous_refresh_jti uuid,
  refreshed_at timestamptz,
  -- The refresh token's expiry; renewed at each rotation.
  not_after timestamptz NOT NULL,
  ip_address text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Revoked sessions are kept (the studio shows why); their tokens are refused.
  revoked_at timestamptz,
  revoked_reason text
);

CREATE INDEX IF NOT EXISTS sessions_user_id_idx ON auth.sessions (user_id);

DROP TRIGGER IF EXISTS sessions_touch_updated_at ON auth.sessions;
CREATE TRIGGER sessions_touch_updated_at BEFORE UPDATE ON auth.sessions
  FOR EACH ROW EXECUTE FUNCTION auth.touch_updated_at();

-- Access tokens refused before their expiry without a session to revoke (sign-out of a session-less token).
CREATE TABLE IF NOT EXISTS auth.revoked_tokens (
  jti text PRIMARY KEY,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now()
);

-- Tombstones: a deleted user's tokens are refused even when they carry no session (impersonation tokens).
CREATE TABLE IF NOT EXISTS auth.deleted_users (
  id uuid PRIMARY KEY,
  email text,
  deleted_at timestamptz NOT NULL DEFAULT now()
);
