-- 0202 — a change to the RPC registry (rpc.procedures) NOTIFYs `fluxbase_schema` like DDL does (0201): the app's
-- types file (project/types/types-file-writer.ts) types the registry's procedures, and a procedure added, changed or
-- removed through the admin API or a folder sync is not DDL. One notification per statement.

CREATE OR REPLACE FUNCTION fluxbase_meta.notify_procedures_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  PERFORM pg_notify('fluxbase_schema', 'rpc.procedures');
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS procedures_changed ON rpc.procedures;
CREATE TRIGGER procedures_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rpc.procedures
  FOR EACH STATEMENT EXECUTE FUNCTION fluxbase_meta.notify_procedures_change();
