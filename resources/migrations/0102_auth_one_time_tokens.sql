-- 0102 — single-use tokens sent by mail (sign-up confirmation, magic link, password recovery, invitation). Only a
-- SHA-256 of each token is stored; the token itself exists in the mail in DIR/mail and nowhere else.

CREATE TABLE IF NOT EXISTS auth.one_time_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('signup', 'magiclink', 'recovery', 'invite', 'email_change')),
  token_hash text NOT NULL UNIQUE,
  email text NOT NULL,
  redirect_to text,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS one_time_tokens_user_idx ON auth.one_time_tokens (user_id, kind);
