// cli-args.ts — `npm run serve -- [flags]` → runtime options. Unknown flags and bad values are one-line errors.
import { parseArgs } from 'node:util'
import { StartupError } from './errors.js'
import type { StudioRuntimeOptions } from './config.js'
import { AUTH_CLI_OPTIONS, AUTH_CLI_USAGE, authOptionsFromCli } from './auth/auth-cli-args.js'
import { LIMIT_CLI_OPTIONS, LIMIT_CLI_USAGE, limitOptionsFromCli } from './limits/limit-cli-args.js'

export const USAGE = `Usage: npm run serve -- [--data-dir DIR] [--port PORT] [--database-url postgres://…] [--quiet]
  --data-dir DIR         where the database, secrets and logs live (default: the per-user app-data folder)
  --port PORT            API port on 127.0.0.1 (default 8080, or the next free one; 0 = any free port)
  --database-url URL     use an existing PostgreSQL server instead of the embedded one
  --project DIR          your app's folder, Fluxbase CLI layout: DIR/fluxbase/migrations, rpc, seed.sql (default: the
                         current folder when it holds fluxbase/, else DATA_DIR/project)
  --project-dir DIR      alias of --project
  --rpc-dir DIR          overrides DIR/fluxbase/rpc: -- @fluxbase: annotated .sql procedures, loaded at start
  --types-out FILE       keep FILE (your app's database types, TypeScript) current: rewritten when the schema changes
  --functions-dir DIR    overrides DIR/fluxbase/functions: edge functions (name.ts or name/index.ts, _shared/, deno.json),
                         run on Deno and reloaded on save
  --jobs-dir DIR         overrides DIR/fluxbase/jobs: job functions (same layout; @fluxbase:schedule for cron), run by
                         background workers on Deno
  --min-password-length  minimum sign-up password length (default 12)
  --db-connections N     connections the API holds to PostgreSQL at once (default 2 × cores + 2, at most 20)
  --quiet                print only the READY line and errors
  --exit-with-parent     stop cleanly when the process that started this one exits (for test runners and tools
                         that start the runtime as a child; a plain serve keeps running)${AUTH_CLI_USAGE}${LIMIT_CLI_USAGE}`

export type CliOptions = StudioRuntimeOptions & { help?: boolean; exitWithParent?: boolean }

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'database-url': { type: 'string' },
        project: { type: 'string' },
        'project-dir': { type: 'string' },
        'rpc-dir': { type: 'string' },
        'types-out': { type: 'string' },
        'functions-dir': { type: 'string' },
        'jobs-dir': { type: 'string' },
        'min-password-length': { type: 'string' },
        'db-connections': { type: 'string' },
        quiet: { type: 'boolean' },
        'exit-with-parent': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        ...AUTH_CLI_OPTIONS,
        ...LIMIT_CLI_OPTIONS,
      },
      strict: true,
      allowPositionals: false,
    })
  } catch (err) {
    throw new StartupError(`${(err as Error).message} (see --help)`)
  }
  const v = parsed.values
  const options: CliOptions = { help: v.help, quiet: v.quiet }
  if (v['exit-with-parent']) options.exitWithParent = true
  if (v['data-dir'] !== undefined) options.dataDir = v['data-dir']
  if (v.project !== undefined) options.project = v.project
  else if (v['project-dir'] !== undefined) options.project = v['project-dir']
  if (v['rpc-dir'] !== undefined) options.rpcDir = v['rpc-dir']
  if (v['types-out'] !== undefined) options.typesOut = v['types-out']
  if (v['functions-dir'] !== undefined) options.functionsDir = v['functions-dir']
  if (v['jobs-dir'] !== undefined) options.jobsDir = v['jobs-dir']
  if (v.port !== undefined) {
    const port = Number(v.port)
    if (!/^\d+$/.test(v.port) || port > 65535) throw new StartupError(`--port must be a number from 0 to 65535, not "${v.port}"`)
    options.port = port
  }
  if (v['database-url'] !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(v['database-url'])) throw new StartupError('--database-url must start with postgres:// or postgresql://')
    options.databaseUrl = v['database-url']
  }
  if (v['min-password-length'] !== undefined) {
    const n = Number(v['min-password-length'])
    if (!Number.isInteger(n) || n < 1) throw new StartupError('--min-password-length must be a positive integer')
    options.minPasswordLength = n
  }
  if (v['db-connections'] !== undefined) {
    const n = Number(v['db-connections'])
    if (!/^\d+$/.test(v['db-connections']) || n < 1 || n > 90) throw new StartupError(`--db-connections must be a whole number from 1 to 90, not "${v['db-connections']}"`)
    options.apiConnections = n
  }
  const auth = authOptionsFromCli(v)
  if (auth) options.auth = auth
  const limits = limitOptionsFromCli(v)
  if (limits) options.limits = limits
  return options
}
