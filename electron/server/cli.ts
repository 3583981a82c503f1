#!/usr/bin/env node
// cli.ts — the `fluxbase-studio` bin (and `npm run serve`): the first word picks a command from cli/commands.ts;
// with none, or a flag first, it serves (`npm run serve -- --port 0` as before). Each command returns its exit code.
import { COMMANDS, overallUsage } from './cli/commands.js'
import { CliError, EXIT } from './cli/cli-command.js'

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv
  if (first === 'help' || first === '--help' || first === '-h') {
    process.stdout.write(overallUsage() + '\n')
    return EXIT.ok
  }
  const command = first && !first.startsWith('-') ? COMMANDS.find((c) => c.name === first) : COMMANDS.find((c) => c.name === 'serve')
  if (!command) {
    process.stderr.write(`fluxbase-studio: unknown command "${first}"\n${overallUsage()}\n`)
    return EXIT.usage
  }
  const args = command.name === first ? rest : argv
  try {
    return await command.run(args)
  } catch (err) {
    const code = err instanceof CliError ? err.code : EXIT.failed
    process.stderr.write(`fluxbase-studio ${command.name}: ${(err as Error).message}\n`)
    return code
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code))
