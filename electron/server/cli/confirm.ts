// cli/confirm.ts — destructive commands ask on a terminal; without one (a script, CI) they need --yes.
import readline from 'node:readline/promises'
import { CliError, EXIT } from './cli-command.js'

export async function confirm(question: string, yes: boolean | undefined): Promise<void> {
  if (yes) return
  if (!process.stdin.isTTY) throw new CliError(`${question} — not a terminal, so nothing was done: add --yes to confirm`, EXIT.declined)
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase()
    if (answer !== 'y' && answer !== 'yes') throw new CliError('cancelled: nothing was done', EXIT.declined)
  } finally {
    rl.close()
  }
}
