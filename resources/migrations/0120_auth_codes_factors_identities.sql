-- 0120 — what the one-time-code, two-factor and OAuth flows keep: phone numbers on users, one-time codes (email, SMS
-- and reauthentication nonces; only a SHA-256 of each code is stored), TOTP factors with their failure count and
-- lock, linked provider identities, and the single-use OAuth states and authorization codes. Written by the API's
-- login role only; service_role may read factors and identities (the studio shows them).

ALTER TABLE auth.users ADD COLUMN IF NOT EXISTS phone text;
ALTER TABLE auth.users ADD COLUMN IF NOT EXISTS phone_verified boolean NOT NULL DEFAULT false;
ALTER TABLE auth.users DROP CONSTRAINT IF EXISTS users_email_or_anonymous;
ALTER TABLE auth.users ADD CONSTRAINT users_email_or_anonymous CHECK (email IS NOT NULL OR phone IS NOT NULL OR is_anonymous);
CREATE UNIQUE INDEX IF NOT EXISTS users_phone_key ON auth.users (phone) WHERE phone IS NOT NULL;

CREATE TABLE IF NOT EXISTS auth.otp_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'reauthentication')),
  -- The address or number the code went to.
  destination text NOT NULL,
  code_hash text NOT NULL,
  -- Wrong guesses against this code; past the limit it is burnt (auth/otp-codes.ts).
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS otp_codes_user_idx ON auth.otp_codes (user_id, channel);

CREATE TABLE IF NOT EXISTS auth.mfa_factors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  factor_type text NOT NULL DEFAULT 'totp' CHECK (factor_type IN ('totp')),
  status text NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'verified')),
  friendly_name text,
  -- Base32 TOTP secret.
  secret text NOT NULL,
  backup_code_hashes text[] NOT NULL DEFAULT '{}',
  -- The last 30-second step a code was accepted for: a code is never accepted twice.
  last_used_step bigint,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  -- Set when a password sign-in asks for the second factor; /2fa/verify is refused without it.
  challenge_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT mfa_factors_one_per_type UNIQUE (user_id, factor_type)
);

CREATE TABLE IF NOT EXISTS auth.identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  provider text NOT NULL,
  provider_user_id text NOT NULL,
  identity_data jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT identities_provider_user_key UNIQUE (provider, provider_user_id)
);
CREATE INDEX IF NOT EXISTS identities_user_idx ON auth.identities (user_id);

-- One row per authorize request: `state` (hashed) proves the callback answers a request this server started.
CREATE TABLE IF NOT EXISTS auth.oauth_requests (
  state_hash text PRIMARY KEY,
  provider text NOT NULL,
  redirect_uri text,
  redirect_to text,
  -- linkIdentity(): the signed-in user the new identity is added to.
  link_user_id uuid REFERENCES auth.users (id) ON DELETE CASCADE,
  -- Filled by the consent page: the authorization code (hashed) and who was chosen.
  code_hash text UNIQUE,
  identity_id uuid REFERENCES auth.identities (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  consented_at timestamptz,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE, DELETE ON auth.otp_codes, auth.mfa_factors, auth.identities, auth.oauth_requests TO fluxbase_api;
GRANT SELECT ON auth.identities TO service_role;
GRANT SELECT (id, user_id, factor_type, status, friendly_name, failed_attempts, locked_until, created_at, updated_at) ON auth.mfa_factors TO service_role;
