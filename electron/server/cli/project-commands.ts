// cli/project-commands.ts — the commands about the project folder and the database: status, migration new,
// migrate, reset, snapshot save|restore|list|delete, diff (the drift check). Each talks to the data directory's runtime through
// project-connection.ts; `migration new` only writes files.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { resolveConfig } from '../config.js'
import { createMigrationFile } from '../project/migration-new.js'
import type { ProjectStatus } from '../project/project-service.js'
import type { SnapshotInfo } from '../project/snapshots.js'
import type { ResetResult } from '../project/reset.js'
import type { SqlFailure } from '../project/migration-runner.js'
import type { DriftReport } from '../project/drift-check.js'
import { CliError, EXIT, type CliCommand } from './cli-command.js'
import { confirm } from './confirm.js'
import { connectProject, findRunning, type ProjectConnection } from './project-connection.js'

const COMMON = {
  'data-dir': { type: 'string' },
  project: { type: 'string' },
  'project-dir': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options']

const COMMON_USAGE = `  --data-dir DIR   the data directory (default: the per-user app-data folder, as for serve)
  --project DIR    the app's folder (default: the current folder when it holds fluxbase/, else DATA_DIR/project)
  -y, --yes        confirm reset, snapshot restore or delete without asking (needed without a terminal)
  --json           print the result as JSON
  -h, --help       this help`

function parse(args: string[]) {
  try {
    const { values, positionals } = parseArgs({ args, options: COMMON, strict: true, allowPositionals: true })
    const config = resolveConfig({ dataDir: values['data-dir'], project: values.project ?? values['project-dir'] })
    return { values, positionals, config }
  } catch (err) {
    throw new CliError(`${(err as Error).message} (see --help)`, EXIT.usage)
  }
}

const out = (line: string) => process.stdout.write(line + '\n')

async function withProject<T>(config: ReturnType<typeof parse>['config'], work: (c: ProjectConnection) => Promise<T>): Promise<T> {
  const connection = await connectProject({ dataDir: config.dataDir, project: config.projectDir })
  try {
    return await work(connection)
  } finally {
    await connection.close()
  }
}

function failureLine(f: SqlFailure): string {
  return `${f.file}${f.line ? `:${f.line}` : ''}: ${f.message}${f.hint ? ` (hint: ${f.hint})` : ''}`
}

function command(name: string, summary: string, usage: string, run: (p: ReturnType<typeof parse>) => Promise<number>): CliCommand {
  return {
    name,
    summary,
    usage: `${usage}\n${COMMON_USAGE}`,
    async run(args) {
      const p = parse(args)
      if (p.values.help) {
        out(`${usage}\n${COMMON_USAGE}`)
        return EXIT.ok
      }
      return run(p)
    },
  }
}

const status = command('status', 'URLs, keys and the project folder state of the running runtime', 'Usage: fluxbase-studio status [--json]', async ({ values, config }) => {
  const running = findRunning(config.dataDir)
  if (!running) throw new CliError(`no runtime is running for ${config.dataDir} (start one with: fluxbase-studio serve)`, EXIT.unavailable)
  const project = await withProject(config, (c) => c.call<ProjectStatus>('GET', ''))
  if (values.json) {
    out(JSON.stringify({ ...running, project }, null, 2))
    return EXIT.ok
  }
  out(`API:          ${running.apiUrl}`)
  if (running.studioUrl) out(`Studio:       ${running.studioUrl}`)
  out(`Database:     ${running.databaseUrl}`)
  out(`Anon key:     ${running.anonKey}`)
  out(`Service key:  ${running.serviceRoleKey}`)
  out(`Data dir:     ${running.dataDir} (pid ${running.pid})`)
  out(`Project:      ${project.root}${project.exists ? '' : ' (no fluxbase/ folder yet)'}`)
  const count = (state: string) => project.migrations.filter((m) => m.state === state).length
  out(`Migrations:   ${count('applied')} applied, ${count('pending')} pending, ${count('failed')} failed, ${project.drift.length} edited after applying`)
  if (project.failure) out(`Failure:      ${failureLine(project.failure)}`)
  for (const p of project.problems) out(`Problem:      ${p.message}`)
  return project.failure || project.drift.length ? EXIT.failed : EXIT.ok
})

const migrationNew = command('migration', 'migration new NAME: create the next numbered migration file', 'Usage: fluxbase-studio migration new NAME', async ({ positionals, config, values }) => {
  const [sub, ...words] = positionals
  if (sub !== 'new' || !words.length) throw new CliError('usage: fluxbase-studio migration new NAME', EXIT.usage)
  let created
  try {
    created = createMigrationFile(config.project, words.join(' '))
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.usage)
  }
  out(values.json ? JSON.stringify(created) : created.file)
  return EXIT.ok
})

const migrate = command('migrate', 'apply pending migrations from the project folder', 'Usage: fluxbase-studio migrate', async ({ config, values }) => {
  const result = await withProject(config, (c) => c.call<{ applied: string[]; failure: SqlFailure | null }>('POST', '/migrate'))
  if (values.json) out(JSON.stringify(result))
  else {
    out(result.applied.length ? `applied: ${result.applied.join(', ')}` : 'nothing to apply')
    if (result.failure) process.stderr.write(`failed: ${failureLine(result.failure)}\n`)
  }
  return result.failure ? EXIT.failed : EXIT.ok
})

const reset = command(
  'reset',
  'rebuild the database from migrations + seeds (keys and settings kept)',
  'Usage: fluxbase-studio reset [--yes]\n  Rebuilds the database from the project folder: every row, auth user and storage file not made by the\n  migrations or seeds is lost. Asks first on a terminal; --yes confirms in scripts.',
  async ({ config, values }) => {
    await confirm(`Reset the database in ${config.dataDir} to the project folder? Every row, auth user and storage file not in the seeds is lost.`, values.yes)
    const result = await withProject(config, (c) => c.call<ResetResult>('POST', '/reset'))
    out(values.json ? JSON.stringify(result) : `reset in ${result.ms} ms (${result.built ? 'folder replayed into a new template' : 'template reused'})`)
    return EXIT.ok
  },
)

const snapshot = command(
  'snapshot',
  'snapshot save|restore|list|delete NAME: named copies of the database and storage files',
  'Usage: fluxbase-studio snapshot save NAME | restore NAME [--yes] | list | delete NAME [--yes]',
  async ({ positionals, config, values }) => {
    const [sub, name, ...extra] = positionals
    if (extra.length || !sub || (sub !== 'list' && !name) || !['save', 'restore', 'list', 'delete'].includes(sub)) {
      throw new CliError('usage: fluxbase-studio snapshot save NAME | restore NAME | list | delete NAME', EXIT.usage)
    }
    const at = encodeURIComponent(name ?? '')
    if (sub === 'restore') await confirm(`Restore snapshot "${name}"? The database and storage files are replaced by the snapshot's.`, values.yes)
    if (sub === 'delete') await confirm(`Delete snapshot "${name}"?`, values.yes)
    return withProject(config, async (c) => {
      if (sub === 'list') {
        const { snapshots } = await c.call<{ snapshots: SnapshotInfo[] }>('GET', '/snapshots')
        if (values.json) out(JSON.stringify(snapshots))
        else for (const s of snapshots) out(`${s.name}\t${s.createdAt}\t${(s.sizeBytes / 1048576).toFixed(1)} MB`)
      } else if (sub === 'save') {
        const s = await c.call<SnapshotInfo>('POST', '/snapshots', { name })
        out(values.json ? JSON.stringify(s) : `saved ${s.name} (${(s.sizeBytes / 1048576).toFixed(1)} MB)`)
      } else if (sub === 'restore') {
        await c.call('POST', `/snapshots/${at}/restore`)
        out(`restored ${name}`)
      } else {
        await c.call('DELETE', `/snapshots/${at}`)
        out(`deleted ${name}`)
      }
      return EXIT.ok
    })
  },
)

const diff = command(
  'diff',
  'compare the live database with the folder (exit 1 when out of sync)',
  'Usage: fluxbase-studio diff [--json]\n  Builds the folder into a scratch database and compares the catalogs; prints the SQL that would make the\n  folder match the live database (what a new migration would hold).',
  async ({ config, values }) => {
    const report = await withProject(config, (c) => c.call<DriftReport>('GET', '/diff'))
    if (values.json) out(JSON.stringify(report))
    else out(report.inSync ? 'in sync: the live database is what the migrations say' : `out of sync; to make the folder match:\n\n${report.statements.join('\n\n')}`)
    return report.inSync ? EXIT.ok : EXIT.failed
  },
)

export const PROJECT_COMMANDS: CliCommand[] = [status, migrationNew, migrate, reset, snapshot, diff]
