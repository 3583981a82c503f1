// postgres/external-bootstrap.ts — the bootstrap on a server the team already runs (--database-url): the preflight
// (bootstrap-preflight.ts) first, so a missing privilege or a conflict stops the start before anything changes; then
// the migrations with the listed realtime publication; then what works in a degraded way for this role, as notes
// the runtime logs and shows (/health details, the studio's Overview).
import type { Pool } from 'pg'
import type { RuntimeNote } from '../context.js'
import { applyMigrations, loadMigrations } from './migrations.js'
import { describeProblems, preflightProblems, readBootstrapFacts } from './bootstrap-preflight.js'

const EVENT_TRIGGERS = ['fluxbase_schema_ddl', 'fluxbase_realtime_ddl']

export async function bootstrapExternal(admin: Pool): Promise<RuntimeNote[]> {
  const facts = await readBootstrapFacts(admin)
  const problems = preflightProblems(facts)
  if (problems.length) throw new Error(describeProblems(facts, problems))
  await applyMigrations(admin, loadMigrations(), { 'fluxbase.realtime_publication': 'listed' })
  return degradedFeatures(admin, facts.role)
}

async function degradedFeatures(admin: Pool, role: string): Promise<RuntimeNote[]> {
  const { rows } = await admin.query<{ name: string }>('SELECT evtname AS name FROM pg_event_trigger WHERE evtname = ANY ($1::text[]) AND evtenabled <> $2', [EVENT_TRIGGERS, 'D'])
  const present = new Set(rows.map((r) => r.name))
  const notes: RuntimeNote[] = []
  if (!present.has('fluxbase_schema_ddl') || !present.has('fluxbase_realtime_ddl')) {
    notes.push({
      component: 'postgres',
      message:
        `no DDL event trigger (creating one needs a superuser, and "${role}" is not one): the REST schema cache learns of tables made outside the studio when a request names them, ` +
        'and realtime applies changed policies within a minute instead of from the next change. A superuser can add them: ' +
        'CREATE EVENT TRIGGER fluxbase_schema_ddl ON ddl_command_end EXECUTE FUNCTION fluxbase_meta.notify_schema_change(); ' +
        'CREATE EVENT TRIGGER fluxbase_schema_drop ON sql_drop EXECUTE FUNCTION fluxbase_meta.notify_schema_change(); ' +
        'CREATE EVENT TRIGGER fluxbase_realtime_ddl ON ddl_command_end EXECUTE FUNCTION realtime.on_ddl_command_end();',
    })
  }
  return notes
}
