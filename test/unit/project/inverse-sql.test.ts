// test/unit/project/inverse-sql.test.ts — the down migrations read from PostgreSQL's parse tree (libpg-query): each
// statement kind whose inverse is known, and the ones that have none (so no .down.sql is written for them).
import { describe, expect, it } from 'vitest'
import { splitStatements } from '../../../electron/server/project/sql-statements.js'
import { inverseOf } from '../../../electron/server/project/inverse-sql.js'

const inverse = async (sql: string) => inverseOf((await splitStatements(sql))[0].tree)

describe('inverse of a statement', () => {
  it('undoes creations, renames, added columns and constraints, RLS switches and grants', async () => {
    expect(await inverse('CREATE TABLE s.t (id int)')).toBe('DROP TABLE "s"."t"')
    expect(await inverse('CREATE INDEX i ON s.t (id)')).toBe('DROP INDEX "s"."i"')
    expect(await inverse('CREATE POLICY "p 1" ON t USING (true)')).toBe('DROP POLICY "p 1" ON "t"')
    expect(await inverse('CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f()')).toBe('DROP TRIGGER "tr" ON "t"')
    expect(await inverse("CREATE TYPE s.mood AS ENUM ('a')")).toBe('DROP TYPE "s"."mood"')
    expect(await inverse('CREATE FUNCTION s.f(a int, OUT b text, c text[]) RETURNS text LANGUAGE sql AS $$ SELECT 1 $$')).toBe('DROP FUNCTION "s"."f"("int4", "text"[])')
    expect(await inverse('ALTER TABLE t RENAME COLUMN a TO b')).toBe('ALTER TABLE "t" RENAME COLUMN "b" TO "a"')
    expect(await inverse('ALTER TABLE s.t RENAME TO u')).toBe('ALTER TABLE "s"."u" RENAME TO "t"')
    expect(await inverse('ALTER TABLE t ADD COLUMN x int, ADD CONSTRAINT c CHECK (x > 0)')).toBe('ALTER TABLE "t" DROP CONSTRAINT "c", DROP COLUMN "x"')
    expect(await inverse('ALTER TABLE t ENABLE ROW LEVEL SECURITY')).toBe('ALTER TABLE "t" DISABLE ROW LEVEL SECURITY')
    expect(await inverse('GRANT SELECT, UPDATE ON t TO anon, authenticated')).toBe('REVOKE SELECT, UPDATE ON TABLE "t" FROM "anon", "authenticated"')
  })

  it('has none where the state before is not in the statement', async () => {
    for (const sql of [
      'ALTER TABLE t ALTER COLUMN a TYPE text',
      'CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
      'REVOKE SELECT ON t FROM anon',
      "ALTER TYPE mood ADD VALUE 'b'",
      "COMMENT ON TABLE t IS 'x'",
      'GRANT SELECT (a) ON t TO anon',
      'ALTER TABLE t ADD COLUMN x int, ALTER COLUMN y SET DEFAULT 1',
    ]) expect(await inverse(sql), sql).toBeNull()
  })
})
