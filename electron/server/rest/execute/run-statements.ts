// rest/execute/run-statements.ts — the only place rest/ and rpc/ touch a connection: statements run as the
// caller's identity in one transaction — pipelined in one round trip, or (Prefer: tx=rollback) step by step and
// rolled back. Results are raw text rows, whichever path ran.
import type { Pool } from 'pg'
import type { Identity } from '../../identity.js'
import { queryAsIdentity, withIdentity, type PipelineResult, type PipelineStatement, type QueryAsIdentityOptions } from '../../postgres/with-identity.js'

export interface RunOptions extends QueryAsIdentityOptions {
  rollback?: boolean
}

const rawText = { getTypeParser: () => (value: string) => value }

export async function runStatements(pool: Pool, identity: Identity, statements: PipelineStatement[], options: RunOptions = {}): Promise<PipelineResult[]> {
  if (!options.rollback) return queryAsIdentity(pool, identity, statements, options)
  return withIdentity(
    pool,
    identity,
    async (client) => {
      const out: PipelineResult[] = []
      for (const st of statements) {
        const r = await client.query({ text: st.text, values: st.values, rowMode: 'array', types: rawText })
        out.push({ fields: r.fields.map((f) => f.name), types: r.fields.map((f) => f.dataTypeID), rows: r.rows as Array<Array<string | null>>, command: r.command, rowCount: r.rowCount ?? r.rows.length })
      }
      return out
    },
    { requestId: options.requestId, rollback: true },
  )
}
