// features/sql/statement-runner.ts — runs the console's complete input, one statement at a time: a backslash
// command the console answers itself, else the studio API (as the active identity) with its answer printed like
// psql and \timing's line; keeps the store's "running" flag; and cancels the running statement on the server.
import { studioStore } from '../../store'
import { ansi } from '../../components/terminal/ansi'
import { cancelSql, runSql } from '../../api/sql-api'
import { isMetaCommand } from './sql-scan'
import { describeFailure } from './failure-text'
import { responseLines } from './response-text'
import { runLocalMeta, type LocalMetaContext } from './local-meta'

export interface RunnerOutput extends LocalMetaContext {
  /** The terminal's width, for laying out result tables. */
  columns(): number
}

function newQueryId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `q-${Date.now()}-${Math.random().toString(16).slice(2)}`
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export class StatementRunner {
  private running: { queryId: string; cancelRequested: boolean } | null = null

  constructor(private readonly out: RunnerOutput) {}

  /** Runs `text` and prints what it gave; never rejects (failures are printed). */
  async run(text: string): Promise<void> {
    const run = { queryId: newQueryId(), cancelRequested: false }
    this.running = run
    studioStore.getState().setSqlRunning(true)
    const started = performance.now()
    try {
      const handled = isMetaCommand(text) ? await runLocalMeta(text.trim(), this.out) : false
      if (!handled) {
        const res = await runSql(text, run.queryId)
        this.out.write(responseLines(res, text, studioStore.getState().sqlExpanded, this.out.columns()))
      }
      if (studioStore.getState().sqlTiming && !handled) this.out.write([ansi.dim(`Time: ${(performance.now() - started).toFixed(3)} ms`)])
    } catch (err) {
      this.out.write([`${ansi.red(ansi.bold('ERROR:'))}  ${describeFailure(err)}`])
    } finally {
      this.running = null
      studioStore.getState().setSqlRunning(false)
    }
  }

  async cancel(): Promise<void> {
    const run = this.running
    if (!run || run.cancelRequested) return
    run.cancelRequested = true
    this.out.write([ansi.dim('^C Cancel request sent')])
    // The server learns the query's backend a moment after the request arrives: ask again until it has it.
    for (let attempt = 0; attempt < 15 && this.running === run; attempt++) {
      try {
        if (await cancelSql(run.queryId)) return
      } catch (err) {
        if (this.running === run) this.out.write([ansi.red(`Could not cancel: ${describeFailure(err)}`)])
        return
      }
      await sleep(200)
    }
  }
}
