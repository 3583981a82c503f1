// studio/sql-routes.ts — the SQL console's endpoints: run (as the superuser or the simulator's identity), cancel on
// the server, and a history that survives restarts (JSON lines in the data directory, capped).
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../context.js'
import { parseBody } from '../http/parse-body.js'
import { checkStudioToken } from './studio-auth.js'
import { identityLabel, logStudioAction, studioIdentity } from './studio-identity.js'
import { runSql } from './sql-console/run-sql.js'
import { createRunningQueries } from './sql-console/running-queries.js'
import { META_HELP } from './sql-console/meta-commands.js'

const runBody = z.object({ sql: z.string().min(1).max(1_000_000), queryId: z.string().max(100).optional() })
const HISTORY_CAP = 1000


export async function registerStudioSqlRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const running = createRunningQueries()
  const historyFile = path.join(ctx.config.dataDir, 'studio', 'sql-history.jsonl')

  function appendHistory(sql: string): void {
    fs.mkdirSync(path.dirname(historyFile), { recursive: true })
    fs.appendFileSync(historyFile, JSON.stringify({ sql, at: new Date().toISOString() }) + '\n', { mode: 0o600 })
    const lines = fs.readFileSync(historyFile, 'utf8').trimEnd().split('\n')
    if (lines.length > HISTORY_CAP * 2) fs.writeFileSync(historyFile, lines.slice(-HISTORY_CAP).join('\n') + '\n')
  }

  app.post('/studio/api/sql', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const body = parseBody(runBody, request.body)
    const identity = await studioIdentity(ctx, request)
    const label = identityLabel(identity)
    appendHistory(body.sql)
    logStudioAction(ctx, request, 'sql', { sql: body.sql.slice(0, 2000), identity: label })
    return runSql(ctx.pools, running, { sql: body.sql, identity, identityLabel: label, queryId: body.queryId, requestId: request.id })
  })

  app.post('/studio/api/sql/cancel', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const { queryId } = parseBody(z.object({ queryId: z.string().min(1) }), request.body)
    const cancelled = await running.cancel(ctx.pools.admin, queryId)
    logStudioAction(ctx, request, 'sql cancel', { queryId, cancelled })
    return { cancelled }
  })

  app.get('/studio/api/sql/history', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    const limit = Math.min(Number((request.query as Record<string, string>).limit ?? 500) || 500, HISTORY_CAP)
    if (!fs.existsSync(historyFile)) return { entries: [] }
    const entries = fs
      .readFileSync(historyFile, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-limit)
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as { sql: string; at: string }]
        } catch {
          return []
        }
      })
    return { entries }
  })

  app.get('/studio/api/sql/help', async (request) => {
    checkStudioToken(request, ctx.studioToken)
    return { commands: META_HELP.map(([command, description]) => ({ command, description })) }
  })
}
