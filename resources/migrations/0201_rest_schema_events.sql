-- 0201 — tells the REST schema cache about DDL: an event trigger NOTIFYs `fluxbase_schema` after every DDL command
-- (and drop), so a table created in psql is queryable within a second (rest/schema/schema-watcher.ts LISTENs).
-- The function lives in fluxbase_meta: event triggers call it by OID, so the DDL's role needs no USAGE there.

CREATE OR REPLACE FUNCTION fluxbase_meta.notify_schema_change() RETURNS event_trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('fluxbase_schema', tg_tag);
END
$$;

DROP EVENT TRIGGER IF EXISTS fluxbase_schema_ddl;
CREATE EVENT TRIGGER fluxbase_schema_ddl ON ddl_command_end EXECUTE FUNCTION fluxbase_meta.notify_schema_change();

DROP EVENT TRIGGER IF EXISTS fluxbase_schema_drop;
CREATE EVENT TRIGGER fluxbase_schema_drop ON sql_drop EXECUTE FUNCTION fluxbase_meta.notify_schema_change();
