// cli/serve-command.ts — `fluxbase-studio serve` (and `npm run serve`): start the runtime, print exactly one
// `READY {json}` line on stdout when everything is up, stop cleanly on SIGINT/SIGTERM (exit 0). Start-up failures
// are one line on stderr, exit 1.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createStudioRuntime } from '../runtime.js'
import { parseCliArgs, USAGE } from '../cli-args.js'
import { StartupError } from '../errors.js'
import { watchParent } from '../parent-watch.js'
import { EXIT, type CliCommand } from './cli-command.js'

function studioDistDir(): string {
  // out/server/cli.js → out/renderer
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'renderer')
}

async function serve(args: string[]): Promise<number> {
  let options
  try {
    options = parseCliArgs(args)
  } catch (err) {
    process.stderr.write(`fluxbase-studio: ${(err as Error).message}\n`)
    return EXIT.usage
  }
  if (options.help) {
    process.stdout.write(USAGE + '\n')
    return EXIT.ok
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
    if (stopping) return await new Promise<number>(() => undefined)
    const { studioToken: _t, ...ready } = info
    void _t
    process.stdout.write(`READY ${JSON.stringify({ ...ready, studioUrl: info.studioUrl })}\n`)
    if (!options.quiet) {
      process.stderr.write(`Fluxbase Studio is running.\n  API:    ${info.apiUrl}\n  Studio: ${info.studioUrl}\n  Data:   ${info.dataDir}\nPress Ctrl+C to stop.\n`)
    }
    // Anything past this point that is not handled is logged, not fatal: the API keeps serving.
    process.on('uncaughtException', (err) => runtime.context?.logs.log({ category: 'system', level: 'error', message: `uncaught: ${err.message}`, fields: { stack: err.stack } }))
    // Keeps running until a signal: the returned promise never settles.
    return await new Promise<number>(() => undefined)
  } catch (err) {
    const message = err instanceof StartupError ? err.message : `unexpected error: ${(err as Error).message}`
    process.stderr.write(`fluxbase-studio: ${message}\n`)
    return EXIT.failed
  }
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the runtime (API, studio, PostgreSQL) until Ctrl+C — the default command',
  usage: USAGE,
  run: serve,
}
