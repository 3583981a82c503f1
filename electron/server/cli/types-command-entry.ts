// cli/types-command-entry.ts — `fluxbase-studio types`: the command's table entry; its work is in
// project/types/types-command.ts, loaded only when the command runs.
import type { CliCommand } from './cli-command.js'

export const typesCommand: CliCommand = {
  name: 'types',
  summary: "write the database's TypeScript types (to stdout, or --out FILE when they changed)",
  usage: 'Usage: fluxbase-studio types [--out FILE] [--data-dir DIR] [--schema NAME]…',
  async run(args) {
    const { runTypesCommand } = await import('../project/types/types-command.js')
    return runTypesCommand(args)
  },
}
