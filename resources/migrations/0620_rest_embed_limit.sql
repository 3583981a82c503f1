-- 0620 — the rows-per-embedded-array cap of REST reads (rest/sql/build-node.ts). Each one-to-many embed reads at most
-- cap + 1 rows; one more than the cap calls this, so PostgreSQL stops building the response there and the API
-- answers a 400 naming the limit (SQLSTATE FB413, mapped in rest/execute/map-pg-error.ts). VOLATILE: never folded.
CREATE OR REPLACE FUNCTION app.embed_rows_exceeded(embed text, cap int) RETURNS json
  LANGUAGE plpgsql VOLATILE
  AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'FB413', MESSAGE = format('embedded "%s" has more than %s rows for one row of its parent', embed, cap),
    DETAIL = format('at most %s rows per embedded array (--max-embed-rows)', cap);
END
$$;
REVOKE ALL ON FUNCTION app.embed_rows_exceeded(text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.embed_rows_exceeded(text, int) TO anon, authenticated, service_role;
