// studio/meta-routes.ts — catalog metadata for the table browser and the structure tab, and the table dialogs
// (create table, add/drop column): each returns the SQL it would run; `run: true` runs it in one transaction.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { ServerContext } from '../context.js'
import { ApiError } from '../errors.js'
import { parseBody } from '../http/parse-body.js'
import { checkStudioToken } from './studio-auth.js'
import { schemaStoreFor } from '../rest/schema/schema-store.js'
import { logStudioAction } from './studio-identity.js'
import { describeTable, listTables } from './meta/table-meta.js'
import { addColumnSpec, addColumnSql, createTableSpec, createTableSql, dropColumnSpec, dropColumnSql } from './ddl/table-ddl.js'


async function runStatements(ctx: ServerContext, statements: string[]): Promise<void> {
  const client = await ctx.pools.admin.connect()
  try {
    await client.query('BEGIN')
    for (const s of statements) await client.query(s)
    await client.query('COMMIT')
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    const e = err as { message: string; code?: string; hint?: string; detail?: string }
    throw new ApiError(400, e.code ?? 'SQL_ERROR', e.message, e.detail, e.hint)
  } finally {
    client.release()
  }
}

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

  const ddl = <T>(route: string, spec: z.ZodType<T>, build: (s: T) => string[], action: string) =>
    app.post(route, async (request) => {
      checkStudioToken(request, ctx.studioToken)
      const body = request.body as { run?: boolean } | undefined
      const statements = build(parseBody(spec, body))
      if (body?.run) {
        await runStatements(ctx, statements)
        // The table browser reads through the REST API: it must see the change at once.
        await (await schemaStoreFor(ctx)).reload()
        logStudioAction(ctx, request, action, { sql: statements.join(';\n') })
      }
      return { sql: statements.map((s) => s + ';').join('\n'), ran: !!body?.run }
    })

  ddl('/studio/api/ddl/create-table', createTableSpec, createTableSql, 'create table')
  ddl('/studio/api/ddl/add-column', addColumnSpec, addColumnSql, 'add column')
  ddl('/studio/api/ddl/drop-column', dropColumnSpec, dropColumnSql, 'drop column')
}
