// project/studio-writers/studio-writers-routes.ts — studio changes that become migrations and have no other home:
// the SQL console's "save as migration" (POST /studio/api/sql/save-as-migration). The table dialogs' writers are in
// studio/meta-routes.ts, realtime's in studio/realtime-inspector-routes.ts.
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../../context.js'
import { parseBody } from '../../http/parse-body.js'
import { checkStudioToken } from '../../studio/studio-auth.js'
import { logStudioAction } from '../../studio/studio-identity.js'
import { schemaStoreFor } from '../../rest/schema/schema-store.js'
import { saveAsMigration } from './save-as-migration.js'

const saveBody = z.object({ sql: z.string().min(1).max(1_000_000), name: z.string().min(1).max(120) })

export async function registerStudioWritersRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post('/studio/api/sql/save-as-migration', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(saveBody, request.body)
    const saved = await saveAsMigration(ctx, body.sql, body.name)
    await (await schemaStoreFor(ctx)).reload()
    logStudioAction(ctx, request, `sql saved as migration ${saved.migrationFile}`, { sql: body.sql.slice(0, 2000) })
    return saved
  })
}
