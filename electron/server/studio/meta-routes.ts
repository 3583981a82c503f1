// studio/meta-routes.ts — catalog metadata for the table browser and the structure tab, and the table dialogs
// (create table, add/drop column): each returns the SQL it would run; `run: true` runs it in one transaction and
// writes it to the project folder as a migration.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { ServerContext } from '../context.js'
import { parseBody } from '../http/parse-body.js'
import { checkStudioToken } from './studio-auth.js'
import { schemaStoreFor } from '../rest/schema/schema-store.js'
import { logStudioAction } from './studio-identity.js'
import { describeTable, listTables } from './meta/table-meta.js'
import { applyAsMigration } from '../project/studio-migration.js'
import { quoteIdent, quoteQualified } from '../postgres/quote-ident.js'
import { addColumnSpec, addColumnSql, createTableSpec, createTableSql, dropColumnSpec, dropColumnSql, renameColumnSpec, renameColumnSql } from './ddl/table-ddl.js'


export async function registerStudioMetaRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/studio/api/meta/tables', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    return { tables: await listTables(ctx.pools.admin) }
  })

  app.get('/studio/api/meta/tables/:schema/:table', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const { schema, table } = request.params as { schema: string; table: string }
    return describeTable(ctx.pools.admin, schema, table)
  })

  // Run, each change becomes the project folder's next migration (with its inverse when known), recorded as applied.
  const ddl = <T>(route: string, spec: z.ZodType<T>, build: (s: T) => string[], action: string, title: (s: T) => string, undo?: (s: T) => string[]) =>
    app.post(route, async (request) => {
      checkStudioToken(request, ctx.studioToken)
      const body = request.body as { run?: boolean } | undefined
      const parsed = parseBody(spec, body)
      const statements = build(parsed)
      let migrationFile: string | undefined
      if (body?.run) {
        migrationFile = (await applyAsMigration(ctx, title(parsed), statements, undo?.(parsed))).file
        // The table browser reads through the REST API: it must see the change at once.
        await (await schemaStoreFor(ctx)).reload()
        logStudioAction(ctx, request, action, { sql: statements.join(';\n'), file: migrationFile })
      }
      return { sql: statements.map((s) => s + ';').join('\n'), ran: !!body?.run, migrationFile }
    })

  ddl('/studio/api/ddl/create-table', createTableSpec, createTableSql, 'create table', (s) => `create table ${s.name}`, (s) => [`DROP TABLE ${quoteQualified(s.schema, s.name)}`])
  ddl('/studio/api/ddl/add-column', addColumnSpec, addColumnSql, 'add column', (s) => `add column ${s.table} ${s.column.name}`, (s) => [
    `ALTER TABLE ${quoteQualified(s.schema, s.table)} DROP COLUMN ${quoteIdent(s.column.name)}`,
  ])
  ddl('/studio/api/ddl/rename-column', renameColumnSpec, renameColumnSql, 'rename column', (s) => `rename column ${s.table} ${s.from} to ${s.to}`, (s) => renameColumnSql({ ...s, from: s.to, to: s.from }))
  ddl('/studio/api/ddl/drop-column', dropColumnSpec, dropColumnSql, 'drop column', (s) => `drop column ${s.table} ${s.column}`)
}
