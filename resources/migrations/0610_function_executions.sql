-- 0610 — functions: the execution history of edge functions (contract §3's Execution), kept across restarts. The
-- runtime writes it as service_role in batches off the request path and keeps the newest rows only (bounded);
-- users read it through the admin endpoints, not directly. Idempotent.

CREATE SCHEMA IF NOT EXISTS functions;
GRANT USAGE ON SCHEMA functions TO service_role;

CREATE TABLE IF NOT EXISTS functions.executions (
  id             uuid PRIMARY KEY,
  function_name  text NOT NULL,
  namespace      text NOT NULL DEFAULT 'default',
  trigger_type   text NOT NULL DEFAULT 'http',
  status         text NOT NULL CHECK (status IN ('running', 'success', 'error')),
  status_code    integer,
  duration_ms    double precision,
  error_message  text,
  logs           text NOT NULL DEFAULT '',
  request_id     text,
  method         text,
  user_id        text,
  user_role      text,
  request_bytes  integer,
  response_bytes integer,
  executed_at    timestamptz NOT NULL,
  completed_at   timestamptz
);

CREATE INDEX IF NOT EXISTS executions_newest_idx ON functions.executions (executed_at DESC);

ALTER TABLE functions.executions ENABLE ROW LEVEL SECURITY;
-- No policy: only service_role (which bypasses RLS) reads or writes it.
GRANT ALL ON functions.executions TO service_role;
