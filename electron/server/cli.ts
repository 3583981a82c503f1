// cli.ts — the headless host (`npm run serve`): start the runtime, print exactly one `READY {json}` line on stdout
// when everything is up, stop cleanly on SIGINT/SIGTERM (exit 0). Start-up failures are one line on stderr, exit 1.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createStudioRuntime } from './runtime.js'
import { parseCliArgs, USAGE } from './cli-args.js'
import { StartupError } from './errors.js'
import { watchParent } from './parent-watch.js'

function studioDistDir(): string {
  // out/server/cli.js → out/renderer
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer')
}

async function main(): Promise<void> {
  if (process.argv[2] === 'types') {
    const { runTypesCommand } = await import('./project/types/types-command.js')
    process.exit(await runTypesCommand(process.argv.slice(3)))
  }
  if (process.argv[2] === 'test') {
    const { runTestCommand } = await import('./project/policy-tests/policy-tests-command.js')
    process.exit(await runTestCommand(process.argv.slice(3)))
  }
  let options
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (err) {
    process.stderr.write(`fluxbase-studio: ${(err as Error).message}\n`)
    process.exit(2)
  }
  if (options.help) {
    process.stdout.write(USAGE + '\n')
    return
  }
  const { exitWithParent, help: _help, ...runtimeOptions } = options
  void _help
  const runtime = createStudioRuntime({ studioDistDir: studioDistDir(), ...runtimeOptions })
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    try {
      await runtime.stop()
      process.exit(0)
    } catch (err) {
      process.stderr.write(`fluxbase-studio: error while stopping after ${signal}: ${(err as Error).message}\n`)
      process.exit(1)
    }
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
  // A closed terminal: Node's default for SIGHUP ends the process at once, which would leave PostgreSQL running.
  process.on('SIGHUP', () => void stop('SIGHUP'))
  if (exitWithParent) watchParent(() => void stop('the parent process exited'))
  try {
    const info = await runtime.start()
    // A stop that arrived during the start has already begun undoing it: nothing is ready.
    if (stopping) return
    const { studioToken: _t, ...ready } = info
    void _t
    process.stdout.write(`READY ${JSON.stringify({ ...ready, studioUrl: info.studioUrl })}\n`)
    if (!options.quiet) {
      process.stderr.write(`Fluxbase Studio is running.\n  API:    ${info.apiUrl}\n  Studio: ${info.studioUrl}\n  Data:   ${info.dataDir}\nPress Ctrl+C to stop.\n`)
    }
    // Anything past this point that is not handled is logged, not fatal: the API keeps serving.
    process.on('uncaughtException', (err) => runtime.context?.logs.log({ category: 'system', level: 'error', message: `uncaught: ${err.message}`, fields: { stack: err.stack } }))
  } catch (err) {
    const message = err instanceof StartupError ? err.message : `unexpected error: ${(err as Error).message}`
    process.stderr.write(`fluxbase-studio: ${message}\n`)
    process.exit(1)
  }
}

void main()
