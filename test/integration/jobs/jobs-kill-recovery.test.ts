// kill -9 of the runtime in the middle of a job: its Deno worker ends with it (no run continues unseen), and the
// next start queues the job again (the attempt counted) and runs it to completion, once; nothing lost.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import pg from 'pg'
import { runCli, type CliRun } from '../../helpers/cli-process.js'

const LONG = `// @fluxbase:max-retries 1
export async function handler(req, fluxbase, fluxbaseService, job) {
  const attempt = job.getJobContext().retry_count
  const { error } = await fluxbaseService.from('job_attempts').insert({ job_id: job.getJobContext().job_id, attempt })
  if (error) throw new Error(error.message)
  if (attempt === 0) {
    for (let i = 0; ; i++) {
      job.reportProgress(i % 100, 'first attempt, forever')
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return { attempt }
}`

function processesMentioning(text: string): string[] {
  const found: string[] = []
  for (const pid of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
      if (cmd.includes(text) && !cmd.includes('vitest')) found.push(`${pid} ${cmd.slice(0, 200)}`)
    } catch {
      // Gone meanwhile.
    }
  }
  return found
}

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe.runIf(process.platform === 'linux')('a runtime killed in the middle of a job', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-jobs-kill-'))
  const jobsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-jobs-kill-src-'))
  fs.writeFileSync(path.join(jobsDir, 'long.ts'), LONG)
  let run: CliRun | undefined

  afterAll(async () => {
    if (run && run.child.exitCode === null) {
      run.child.kill('SIGTERM')
      await run.exited
    }
    for (const line of [...processesMentioning(dataDir), ...processesMentioning(jobsDir)]) process.kill(Number(line.split(' ')[0]), 'SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(jobsDir, { recursive: true, force: true })
  })

  test('the job is retried on the next start and completes exactly once', async () => {
    run = runCli(['--data-dir', dataDir, '--port', '0', '--jobs-dir', jobsDir])
    let ready = await run.ready
    let db = new pg.Client({ connectionString: ready.databaseUrl })
    await db.connect()
    await db.query('CREATE TABLE public.job_attempts (job_id uuid NOT NULL, attempt int NOT NULL, at timestamptz DEFAULT now())')
    await db.query('GRANT ALL ON public.job_attempts TO service_role')
    const submitted = await fetch(`${ready.apiUrl}/api/v1/jobs/submit`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ready.serviceRoleKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ job_name: 'long' }),
    })
    expect(submitted.status).toBe(201)
    const { id } = (await submitted.json()) as { id: string }
    await waitFor('the first attempt to be running', 30_000, async () => {
      const { rows } = await db.query(`SELECT status, progress FROM jobs.queue WHERE id = $1`, [id])
      return rows[0]?.status === 'running' && rows[0]?.progress ? true : undefined
    })
    await db.end()

    run.child.kill('SIGKILL')
    await run.exited
    // Its Deno worker saw its stdin close and ended: the first attempt does not run on unseen.
    await waitFor('the Deno worker to end', 10_000, () => (processesMentioning(jobsDir).length === 0 ? true : undefined))

    run = runCli(['--data-dir', dataDir, '--port', '0', '--jobs-dir', jobsDir])
    ready = await run.ready
    db = new pg.Client({ connectionString: ready.databaseUrl })
    await db.connect()
    try {
      const job = await waitFor('the job to complete after the restart', 30_000, async () => {
        const { rows } = await db.query(`SELECT status, retry_count, result FROM jobs.queue WHERE id = $1`, [id])
        return rows[0]?.status === 'completed' ? rows[0] : undefined
      })
      expect(job).toMatchObject({ status: 'completed', retry_count: 1, result: { attempt: 1 } })
      const attempts = await db.query(`SELECT attempt FROM public.job_attempts WHERE job_id = $1 ORDER BY attempt`, [id])
      expect(attempts.rows).toEqual([{ attempt: 0 }, { attempt: 1 }])
      expect((await db.query('SELECT count(*)::int AS n FROM jobs.queue')).rows[0].n).toBe(1)
    } finally {
      await db.end()
    }
  }, 240_000)
})
