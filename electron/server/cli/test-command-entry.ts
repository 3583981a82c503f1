// cli/test-command-entry.ts — `fluxbase-studio test`: the command's table entry; its work is in
// project/policy-tests/policy-tests-command.ts, loaded only when the command runs.
import type { CliCommand } from './cli-command.js'

export const testCommand: CliCommand = {
  name: 'test',
  summary: 'run the policy tests of fluxbase/tests/rls/*.yaml (exit 1 on any failure)',
  usage: 'Usage: fluxbase-studio test [--project DIR] [--reporter line|tap|junit] [--data-dir DIR]',
  async run(args) {
    const { runTestCommand } = await import('../project/policy-tests/policy-tests-command.js')
    return runTestCommand(args)
  },
}
