-- 0201 — tells the REST schema cache about DDL: an event trigger NOTIFYs `fluxbase_schema` after every DDL command
-- (and drop), so a table created in psql is queryable within a second (rest/schema/schema-watcher.ts LISTENs).
-- The function lives in fluxbase_meta: event triggers call it by OID, so the DDL's role needs no USAGE there.
-- Event triggers need a superuser; on a server where we are not one (--database-url), the cache still heals
-- itself: a name it does not know makes it reload (rate-limited) before the request is refused.

CREATE OR REPLACE FUNCTION fluxbase_meta.notify_schema_change() RETURNS event_trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  PERFORM pg_notify('fluxbase_schema', tg_tag);
END
$fn$;

DO $$
BEGIN
  DROP EVENT TRIGGER IF EXISTS fluxbase_schema_ddl;
  CREATE EVENT TRIGGER fluxbase_schema_ddl ON ddl_command_end EXECUTE FUNCTION fluxbase_meta.notify_schema_change();
  DROP EVENT TRIGGER IF EXISTS fluxbase_schema_drop;
  CREATE EVENT TRIGGER fluxbase_schema_drop ON sql_drop EXECUTE FUNCTION fluxbase_meta.notify_schema_change();
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'fluxbase: not a superuser, no DDL event trigger: the REST schema cache reloads when it meets an unknown name';
END
$$;
