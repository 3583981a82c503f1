-- 0500 — the tracking table of the app's own migrations (the project folder's fluxbase/migrations and the studio's
-- changes), upstream's migrations.app and migrations.execution_logs, plus the checksum drift is judged by.
-- Superuser only: the API's roles never see it.
CREATE SCHEMA IF NOT EXISTS migrations;
REVOKE ALL ON SCHEMA migrations FROM PUBLIC;

CREATE TABLE IF NOT EXISTS migrations.app (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  namespace text NOT NULL DEFAULT 'default',
  name text NOT NULL,
  description text,
  up_sql text NOT NULL,
  down_sql text,
  version integer,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'failed', 'rolled_back')),
  checksum text,
  created_by text,
  applied_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz,
  rolled_back_at timestamptz,
  UNIQUE (namespace, name)
);

CREATE TABLE IF NOT EXISTS migrations.execution_logs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  migration_id uuid NOT NULL REFERENCES migrations.app (id) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('apply', 'rollback')),
  status text NOT NULL CHECK (status IN ('success', 'failed')),
  duration_ms integer NOT NULL DEFAULT 0,
  error_message text,
  logs text,
  executed_at timestamptz NOT NULL DEFAULT now(),
  executed_by text
);
CREATE INDEX IF NOT EXISTS execution_logs_migration_idx ON migrations.execution_logs (migration_id);

REVOKE ALL ON ALL TABLES IN SCHEMA migrations FROM PUBLIC;
