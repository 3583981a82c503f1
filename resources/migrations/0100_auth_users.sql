-- 0100 — auth.users (who can sign in) and auth.passwords (their argon2id hashes, kept apart so that reading users —
-- the studio, service_role over REST — never hands out hashes). Written by the API's login role only.

CREATE TABLE IF NOT EXISTS auth.users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stored trimmed and lower-cased by the API; NULL only for anonymous users.
  email text,
  email_verified boolean NOT NULL DEFAULT false,
  email_confirmed_at timestamptz,
  -- The JWT `role` claim (upstream default "authenticated"); app roles may also live in app_metadata.
  role text NOT NULL DEFAULT 'authenticated',
  user_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  app_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_anonymous boolean NOT NULL DEFAULT false,
  failed_login_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_or_anonymous CHECK (email IS NOT NULL OR is_anonymous),
  CONSTRAINT users_role_not_empty CHECK (role <> '')
);

CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON auth.users (lower(email));
CREATE INDEX IF NOT EXISTS users_created_at_idx ON auth.users (created_at DESC);

CREATE TABLE IF NOT EXISTS auth.passwords (
  user_id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
  hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Keeps updated_at honest when the studio's SQL console edits a user by hand.
CREATE OR REPLACE FUNCTION auth.touch_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS users_touch_updated_at ON auth.users;
CREATE TRIGGER users_touch_updated_at BEFORE UPDATE ON auth.users
  FOR EACH ROW EXECUTE FUNCTION auth.touch_updated_at();

-- Metadata updates merge top-level keys (as GoTrue does); a key set to JSON null is removed.
CREATE OR REPLACE FUNCTION auth.merge_metadata(current_value jsonb, patch jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE
  AS $$
  SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
  FROM jsonb_each(coalesce(current_value, '{}'::jsonb) || coalesce(patch, '{}'::jsonb))
  WHERE value <> 'null'::jsonb
$$;
