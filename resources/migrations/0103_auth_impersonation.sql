-- 0103 — the audit trail of impersonation tokens (contract §6): who minted a token for whom, why, and when.
-- admin_user_id is text: the caller may be the studio ("studio"), the service key ("service_role") or a user id.

CREATE TABLE IF NOT EXISTS auth.impersonation_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  admin_user_id text NOT NULL,
  -- No foreign key: the audit row outlives the user it names.
  target_user_id uuid,
  impersonation_type text NOT NULL CHECK (impersonation_type IN ('user', 'anon', 'service')),
  target_role text NOT NULL,
  reason text NOT NULL CHECK (reason <> ''),
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  ip_address text,
  user_agent text,
  is_active boolean NOT NULL DEFAULT true
);

CREATE INDEX IF NOT EXISTS impersonation_sessions_admin_idx ON auth.impersonation_sessions (admin_user_id, started_at DESC);
