// cli/commands.ts — the table of the `fluxbase-studio` bin's commands. Adding a command is one line here.
import type { CliCommand } from './cli-command.js'
import { serveCommand } from './serve-command.js'
import { PROJECT_COMMANDS } from './project-commands.js'
import { typesCommand } from './types-command-entry.js'
import { testCommand } from './test-command-entry.js'

export const COMMANDS: CliCommand[] = [serveCommand, ...PROJECT_COMMANDS, typesCommand, testCommand]

export function overallUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'Usage: fluxbase-studio <command> [flags]      (no command: serve)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'fluxbase-studio <command> --help shows its flags. Exit codes: 0 ok, 1 failed (or out of sync), 2 bad usage,',
    '3 no runtime reachable or startable, 4 not confirmed.',
  ].join('\n')
}
