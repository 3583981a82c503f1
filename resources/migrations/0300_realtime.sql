-- 0300 — realtime: the registry of tables that deliver change events (upstream's realtime.schema_registry), the
-- publication the capture stream decodes, and one event trigger that keeps every table publishable and marks each
-- DDL in the change stream. Idempotent.
-- The publication is FOR ALL TABLES on the embedded server (the studio's inspector shows every table). On a server
-- the team already runs (--database-url: the runtime sets fluxbase.realtime_publication = 'listed') it lists the
-- registry and the realtime-enabled tables only (0301 keeps it in step): no other table's writes are decoded, no
-- other table's replica identity is touched, and a role that is not a superuser may create it.

CREATE TABLE IF NOT EXISTS realtime.schema_registry (
  id               serial PRIMARY KEY,
  schema_name      text NOT NULL,
  table_name       text NOT NULL,
  realtime_enabled boolean NOT NULL DEFAULT true,
  events           text[] NOT NULL DEFAULT ARRAY['INSERT', 'UPDATE', 'DELETE'],
  excluded_columns text[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (schema_name, table_name)
);
GRANT SELECT ON realtime.schema_registry TO service_role;

-- A publication FOR ALL TABLES makes UPDATE and DELETE fail on a table without a replica identity (no primary key).
-- Such tables get REPLICA IDENTITY FULL: more WAL per change on those tables, and their writes keep working.
DO $$
DECLARE r record;
BEGIN
  IF current_setting('fluxbase.realtime_publication', true) = 'listed' THEN
    IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'fluxbase_realtime') THEN
      CREATE PUBLICATION fluxbase_realtime FOR TABLE realtime.schema_registry WITH (publish_via_partition_root = true);
    END IF;
    RETURN;
  END IF;
  FOR r IN
    SELECT c.oid::regclass AS rel
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND c.relpersistence = 'p' AND c.relreplident = 'd'
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
       AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)
  LOOP
    EXECUTE format('ALTER TABLE %s REPLICA IDENTITY FULL', r.rel);
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'fluxbase_realtime') THEN
    CREATE PUBLICATION fluxbase_realtime FOR ALL TABLES WITH (publish_via_partition_root = true);
  END IF;
END
$$;

-- After every DDL: (1) a new or altered table without a replica identity gets FULL (see above); (2) a transactional
-- logical message tells the capture stream that policies, grants or columns may have changed, in commit order, so
-- the fan-out re-reads them before the next event. Never fails the user's DDL.
CREATE OR REPLACE FUNCTION realtime.on_ddl_command_end() RETURNS event_trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
  AS $$
DECLARE
  cmd record;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
    IF cmd.object_type = 'table' AND cmd.command_tag IN ('CREATE TABLE', 'ALTER TABLE', 'CREATE TABLE AS', 'SELECT INTO') THEN
      PERFORM 1 FROM pg_class c
       WHERE c.oid = cmd.objid AND c.relkind = 'r' AND c.relpersistence = 'p' AND c.relreplident = 'd'
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary);
      IF FOUND THEN
        BEGIN
          EXECUTE format('ALTER TABLE %s REPLICA IDENTITY FULL', cmd.objid::regclass);
        EXCEPTION WHEN OTHERS THEN
          RAISE WARNING 'fluxbase realtime: could not set REPLICA IDENTITY FULL on %: %', cmd.objid::regclass, SQLERRM;
        END;
      END IF;
    END IF;
  END LOOP;
  BEGIN
    PERFORM pg_logical_emit_message(true, 'fluxbase.realtime.ddl', coalesce(tg_tag, ''));
  EXCEPTION WHEN OTHERS THEN
    NULL; -- wal_level below logical (an external server): nothing reads these messages then anyway
  END;
END
$$;

-- Event triggers need a superuser. Without one (a managed server's role), realtime learns of policy changes when
-- its policy cache expires (a minute) instead of in commit order; the runtime says so in the log and the Overview.
DO $$
BEGIN
  DROP EVENT TRIGGER IF EXISTS fluxbase_realtime_ddl;
  CREATE EVENT TRIGGER fluxbase_realtime_ddl ON ddl_command_end EXECUTE FUNCTION realtime.on_ddl_command_end();
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'fluxbase: not a superuser, no realtime DDL event trigger';
END
$$;
