// cli/cli-command.ts — what one command of the `fluxbase-studio` bin is: a name, a line for the overall help, its
// own --help text and a run function returning the exit code. commands.ts lists them; cli.ts dispatches.

/** Exit codes (README "CLI"): scripts rely on them. */
export const EXIT = {
  ok: 0,
  /** The command ran and failed: a migration failed, the database is out of sync (diff), a refused reset. */
  failed: 1,
  /** Bad flags or arguments. */
  usage: 2,
  /** No runtime could be reached or started for the data directory. */
  unavailable: 3,
  /** A destructive command was not confirmed. */
  declined: 4,
} as const

export interface CliCommand {
  /** The word after `fluxbase-studio` (e.g. "snapshot"). */
  name: string
  summary: string
  usage: string
  run(args: string[]): Promise<number>
}

/** A one-line error the user can act on; `code` is the exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT.failed,
  ) {
    super(message)
  }
}
