-- 0600 — jobs: the durable queue of background work (contract §4). Rows are claimed by the runtime's workers with
-- FOR UPDATE SKIP LOCKED; a user reads (and, through the runtime, cancels) only their own jobs; service_role sees all.
-- Job logs are kept per job, bounded by the runtime. Schedules keep their pause flag and last run across restarts.
-- Idempotent.

CREATE SCHEMA IF NOT EXISTS jobs;
GRANT USAGE ON SCHEMA jobs TO anon, authenticated, service_role;

CREATE TABLE IF NOT EXISTS jobs.queue (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  namespace                text NOT NULL DEFAULT 'default',
  job_name                 text NOT NULL,
  status                   text NOT NULL DEFAULT 'pending'
                             CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  payload                  jsonb,
  result                   jsonb,
  progress                 jsonb,
  priority                 integer NOT NULL DEFAULT 0,
  max_duration_seconds     integer NOT NULL DEFAULT 300,
  progress_timeout_seconds integer NOT NULL DEFAULT 300,
  max_retries              integer NOT NULL DEFAULT 0,
  retry_count              integer NOT NULL DEFAULT 0,
  error_message            text,
  worker_id                text,
  created_by               uuid,
  user_role                text,
  user_email               text,
  user_name                text,
  trigger_type             text NOT NULL DEFAULT 'api' CHECK (trigger_type IN ('api', 'cron', 'studio')),
  cancel_requested         boolean NOT NULL DEFAULT false,
  created_at               timestamptz NOT NULL DEFAULT now(),
  scheduled_at             timestamptz,
  started_at               timestamptz,
  last_progress_at         timestamptz,
  completed_at             timestamptz
);

-- The claim's order (priority first, then age) over the pending rows only.
CREATE INDEX IF NOT EXISTS queue_pending_idx ON jobs.queue (priority DESC, created_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS queue_owner_idx ON jobs.queue (created_by, created_at DESC);
CREATE INDEX IF NOT EXISTS queue_running_idx ON jobs.queue (worker_id) WHERE status = 'running';

ALTER TABLE jobs.queue ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS queue_owner_reads ON jobs.queue;
CREATE POLICY queue_owner_reads ON jobs.queue FOR SELECT TO authenticated USING (created_by = auth.uid());
-- anon may ask (and finds nothing: no policy lets anon see a row), rather than being refused with a permission error.
GRANT SELECT ON jobs.queue TO anon, authenticated;
GRANT ALL ON jobs.queue TO service_role;

CREATE TABLE IF NOT EXISTS jobs.logs (
  job_id      uuid NOT NULL REFERENCES jobs.queue (id) ON DELETE CASCADE,
  line_number integer NOT NULL,
  level       text NOT NULL,
  message     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, line_number)
);
ALTER TABLE jobs.logs ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS logs_of_own_jobs ON jobs.logs;
CREATE POLICY logs_of_own_jobs ON jobs.logs FOR SELECT TO authenticated
  USING (EXISTS (SELECT 1 FROM jobs.queue q WHERE q.id = job_id AND q.created_by = auth.uid()));
GRANT SELECT ON jobs.logs TO anon, authenticated;
GRANT ALL ON jobs.logs TO service_role;

CREATE TABLE IF NOT EXISTS jobs.schedules (
  namespace   text NOT NULL DEFAULT 'default',
  job_name    text NOT NULL,
  paused      boolean NOT NULL DEFAULT false,
  last_run_at timestamptz,
  PRIMARY KEY (namespace, job_name)
);
GRANT ALL ON jobs.schedules TO service_role;

-- Progress reaches subscribers through realtime (contract §4.6): the queue is registered for change events.
INSERT INTO realtime.schema_registry (schema_name, table_name, excluded_columns)
VALUES ('jobs', 'queue', ARRAY['payload', 'result'])
ON CONFLICT (schema_name, table_name) DO NOTHING;
