-- 0200 — the RPC registry (contract §2): named SQL procedures, their executions and execution logs. Only the
-- server (superuser pool) reads and writes these tables; API roles get nothing here.

CREATE TABLE IF NOT EXISTS rpc.procedures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  namespace text NOT NULL DEFAULT 'default',
  name text NOT NULL,
  description text,
  sql_query text NOT NULL,
  original_code text,
  input_schema jsonb,
  output_schema jsonb,
  is_public boolean NOT NULL DEFAULT false,
  require_role text[],
  allowed_tables text[] NOT NULL DEFAULT '{}',
  allowed_schemas text[] NOT NULL DEFAULT '{public}',
  max_execution_time_seconds integer NOT NULL DEFAULT 30 CHECK (max_execution_time_seconds > 0),
  disable_execution_logs boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  source text NOT NULL DEFAULT 'api',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (namespace, name)
);

CREATE TABLE IF NOT EXISTS rpc.executions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_id uuid REFERENCES rpc.procedures (id) ON DELETE SET NULL,
  procedure_name text NOT NULL,
  namespace text NOT NULL DEFAULT 'default',
  status text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled', 'timeout')),
  input_params jsonb,
  result jsonb,
  error_message text,
  rows_returned integer,
  duration_ms integer,
  user_id text,
  user_role text,
  user_email text,
  is_async boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  completed_at timestamptz
);
CREATE INDEX IF NOT EXISTS executions_created_at_idx ON rpc.executions (created_at DESC);

CREATE TABLE IF NOT EXISTS rpc.execution_logs (
  id bigserial PRIMARY KEY,
  execution_id uuid NOT NULL REFERENCES rpc.executions (id) ON DELETE CASCADE,
  line_number integer NOT NULL,
  level text NOT NULL DEFAULT 'info',
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (execution_id, line_number)
);

REVOKE ALL ON rpc.procedures, rpc.executions, rpc.execution_logs FROM PUBLIC, anon, authenticated, service_role;
REVOKE ALL ON SEQUENCE rpc.execution_logs_id_seq FROM PUBLIC, anon, authenticated, service_role;
