-- 0301 — a listed realtime publication (see 0300: external servers) follows the registry: enabling a table adds it,
-- disabling or removing its entry drops it, in the same transaction, whoever writes the registry (the admin API,
-- the studio, the SQL console). Nothing happens while the publication is FOR ALL TABLES (the embedded server).
-- SECURITY DEFINER: adding a table to a publication takes its owner's rights, which the bootstrap role has.

CREATE OR REPLACE FUNCTION realtime.sync_publication_member() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
  AS $$
DECLARE
  pub oid;
  rel regclass;
BEGIN
  SELECT p.oid INTO pub FROM pg_publication p WHERE p.pubname = 'fluxbase_realtime' AND NOT p.puballtables;
  IF pub IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (NOT NEW.realtime_enabled
       OR (NEW.schema_name, NEW.table_name) IS DISTINCT FROM (OLD.schema_name, OLD.table_name))) THEN
    rel := to_regclass(format('%I.%I', OLD.schema_name, OLD.table_name));
    IF rel IS NOT NULL AND EXISTS (SELECT 1 FROM pg_publication_rel r WHERE r.prpubid = pub AND r.prrelid = rel) THEN
      EXECUTE format('ALTER PUBLICATION fluxbase_realtime DROP TABLE %s', rel);
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.realtime_enabled THEN
    rel := to_regclass(format('%I.%I', NEW.schema_name, NEW.table_name));
    IF rel IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_publication_rel r WHERE r.prpubid = pub AND r.prrelid = rel) THEN
      EXECUTE format('ALTER PUBLICATION fluxbase_realtime ADD TABLE %s', rel);
    END IF;
  END IF;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION realtime.sync_publication_member() FROM PUBLIC;

DROP TRIGGER IF EXISTS schema_registry_publication ON realtime.schema_registry;
CREATE TRIGGER schema_registry_publication AFTER INSERT OR UPDATE OR DELETE ON realtime.schema_registry
  FOR EACH ROW EXECUTE FUNCTION realtime.sync_publication_member();
