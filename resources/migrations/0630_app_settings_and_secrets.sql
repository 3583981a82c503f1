-- 0630 — settings and secrets (contract §5): app.settings holds system settings (public ones readable by anyone),
-- system secrets and each user's secrets; app.user_settings each user's settings; app.function_secrets the legacy
-- secrets of /api/v1/secrets (FLUXBASE_SECRET_*). Secret values are sealed by the runtime (settings/secret-crypto.ts)
-- with a key from DIR/secrets.json that PostgreSQL never sees; no role but the API's login role may read the sealed
-- column, and no endpoint returns it. Users reach their own rows under RLS (the API runs their requests as them).

CREATE TABLE IF NOT EXISTS app.settings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL,
  -- Plain settings: any JSON value. NULL for secrets.
  value jsonb,
  -- Secrets: 'v1.' + base64url(iv | tag | AES-256-GCM ciphertext). NULL for plain settings.
  encrypted_value text,
  is_secret boolean NOT NULL DEFAULT false,
  -- Readable by anon and every user (GET /settings/{key}); never a secret.
  is_public boolean NOT NULL DEFAULT false,
  -- NULL: a system setting or secret. Set: that user's secret (their settings live in app.user_settings). No foreign
  -- key: tokens minted for tests or by the studio may name users that have no row (as storage does).
  user_id uuid,
  description text,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT settings_key_valid CHECK (key ~ '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$'),
  CONSTRAINT settings_value_or_secret CHECK (
    (is_secret AND encrypted_value IS NOT NULL AND value IS NULL) OR (NOT is_secret AND encrypted_value IS NULL AND value IS NOT NULL)),
  CONSTRAINT settings_user_rows_are_secrets CHECK (user_id IS NULL OR is_secret),
  CONSTRAINT settings_secrets_not_public CHECK (NOT (is_secret AND is_public))
);
CREATE UNIQUE INDEX IF NOT EXISTS settings_system_key ON app.settings (key) WHERE user_id IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS settings_user_key ON app.settings (user_id, key) WHERE user_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS app.user_settings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  key text NOT NULL,
  value jsonb NOT NULL,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT user_settings_key_valid CHECK (key ~ '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$'),
  CONSTRAINT user_settings_value_object CHECK (jsonb_typeof(value) = 'object'),
  CONSTRAINT user_settings_one_per_key UNIQUE (user_id, key)
);

CREATE TABLE IF NOT EXISTS app.function_secrets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  -- NULL: every namespace. A namespace's secret wins over the global one of the same name.
  namespace text,
  encrypted_value text NOT NULL,
  description text,
  expires_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  updated_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT function_secrets_name_valid CHECK (name ~ '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$')
);
CREATE UNIQUE INDEX IF NOT EXISTS function_secrets_name_scope ON app.function_secrets (name, (coalesce(namespace, '')));

ALTER TABLE app.settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.user_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.function_secrets ENABLE ROW LEVEL SECURITY;

-- Requests as anon/authenticated: public system settings and one's own secrets' metadata; users manage only their
-- own secrets. The sealed column is not granted: not even its owner can select it.
GRANT SELECT (id, key, value, is_secret, is_public, user_id, description, created_by, updated_by, created_at, updated_at)
  ON app.settings TO anon, authenticated, service_role;
GRANT INSERT (key, encrypted_value, is_secret, user_id, description, created_by, updated_by),
  UPDATE (encrypted_value, description, updated_by, updated_at), DELETE ON app.settings TO authenticated;
DROP POLICY IF EXISTS "public settings and own secrets" ON app.settings;
CREATE POLICY "public settings and own secrets" ON app.settings FOR SELECT TO anon, authenticated
  USING ((user_id IS NULL AND is_public AND NOT is_secret) OR (user_id IS NOT NULL AND user_id = auth.uid()));
DROP POLICY IF EXISTS "users add their own secrets" ON app.settings;
CREATE POLICY "users add their own secrets" ON app.settings FOR INSERT TO authenticated
  WITH CHECK (user_id = auth.uid() AND is_secret);
DROP POLICY IF EXISTS "users change their own secrets" ON app.settings;
CREATE POLICY "users change their own secrets" ON app.settings FOR UPDATE TO authenticated
  USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid() AND is_secret);
DROP POLICY IF EXISTS "users delete their own secrets" ON app.settings;
CREATE POLICY "users delete their own secrets" ON app.settings FOR DELETE TO authenticated
  USING (user_id = auth.uid());

GRANT SELECT, INSERT, UPDATE, DELETE ON app.user_settings TO authenticated, service_role;
DROP POLICY IF EXISTS "users own their settings" ON app.user_settings;
CREATE POLICY "users own their settings" ON app.user_settings FOR ALL TO authenticated
  USING (user_id = auth.uid()) WITH CHECK (user_id = auth.uid());

-- The API's login role: system settings and legacy secrets are managed by it after a service-role check (as auth/
-- does), and it reads sealed values to build a function's or job's environment. It is NOBYPASSRLS: its policies say so.
GRANT USAGE ON SCHEMA app TO fluxbase_api;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.settings, app.function_secrets TO fluxbase_api;
DROP POLICY IF EXISTS "the API manages settings" ON app.settings;
CREATE POLICY "the API manages settings" ON app.settings FOR ALL TO fluxbase_api USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS "the API manages legacy secrets" ON app.function_secrets;
CREATE POLICY "the API manages legacy secrets" ON app.function_secrets FOR ALL TO fluxbase_api USING (true) WITH CHECK (true);
