// jobs/jobs-service.ts — background jobs end to end, below HTTP: the jobs folder's catalog (watched, annotations),
// the queue in PostgreSQL, a bounded number of workers that claim jobs and run them on Deno (job-run.ts), and the
// scheduler that queues cron runs. The routes (job-routes.ts) check who may do what and shape the replies.
import crypto from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import type { ServerContext } from '../context.js'
import { DenoPool } from '../deno/deno-pool.js'
import { denoBinary } from '../deno/deno-binary.js'
import type { WorkerSpec } from '../deno/deno-worker.js'
import { SourceCatalog, type CatalogEntry } from '../functions/function-catalog.js'
import { hostScript } from '../functions/host-bundle.js'
import { withIdentity } from '../postgres/with-identity.js'
import { parseJobAnnotations, type JobSettings } from './job-annotations.js'
import { createJobQueue, QUEUE_IDENTITY, type JobQueue, type JobRow } from './job-queue.js'
import { createJobScheduler, type JobScheduler, type Schedule } from './job-scheduler.js'
import { jobWorkerSpec } from './job-worker-spec.js'
import { runJob } from './job-run.js'

export type JobEntry = CatalogEntry<JobSettings>

export interface JobsServiceOptions {
  jobsDir: string
  /** Jobs running at once (default 2 × cores, at least 2). */
  workers?: number
  /** The scheduler's clock (tests move it). */
  now?: () => Date
}

/** How long an idle worker sleeps when nothing wakes it: a delayed retry or a scheduled_at is noticed within this. */
const IDLE_POLL_MS = 1000

export function defaultJobWorkers(cores = os.availableParallelism?.() ?? os.cpus().length): number {
  return Math.max(2, cores * 2)
}

export class JobsService {
  readonly catalog: SourceCatalog<JobSettings>
  readonly queue: JobQueue
  readonly scheduler: JobScheduler
  readonly pool: DenoPool
  readonly workerCount: number
  readonly startedAt = new Date()
  /** Every worker id of this runtime starts with it: recovery tells this run's jobs from a killed one's. */
  readonly workerPrefix = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}:`
  private readonly running = new Map<string, AbortController>()
  private readonly specs = new Map<string, { version: number; apiUrl: string; spec: WorkerSpec }>()
  private readonly tmpRoot = path.join(os.tmpdir(), `fluxbase-jobs-${crypto.randomBytes(6).toString('hex')}`)
  private hostScriptPath = ''
  private stopped = false
  private wakeUp: Array<() => void> = []
  private loops: Array<Promise<void>> = []

  constructor(private readonly ctx: ServerContext, readonly options: JobsServiceOptions) {
    this.workerCount = options.workers ?? defaultJobWorkers()
    this.pool = new DenoPool({
      denoPath: denoBinary(),
      maxPerKey: this.workerCount,
      maxWorkers: this.workerCount + 2,
      onWorkerLog: (key, level, message) => ctx.logs.log({ category: 'execution', level, component: 'jobs', message: `${key}: ${message}`, fields: { job_function: key } }),
    })
    this.queue = createJobQueue(ctx.pools.api)
    this.catalog = new SourceCatalog(options.jobsDir, parseJobAnnotations, (names) => void this.changed(names))
    const now = options.now ?? (() => new Date())
    this.scheduler = createJobScheduler({
      now,
      enqueue: (schedule, dueAt) => this.enqueueScheduled(schedule, dueAt),
      loadState: () => this.loadScheduleState(),
      saveState: (schedule, state) => this.saveScheduleState(schedule, state),
      onError: (message, error) => ctx.logs.log({ category: 'system', level: 'error', component: 'jobs', message: `${message}: ${(error as Error).message}` }),
    })
  }

  async start(): Promise<void> {
    this.hostScriptPath = await hostScript('job-host', path.join('jobs', 'deno-host', 'job-host.ts'))
    const recovered = await this.queue.recoverInterrupted(this.workerPrefix)
    if (recovered.requeued || recovered.failed) {
      this.ctx.logs.log({ category: 'system', level: 'warn', component: 'jobs', message: `jobs interrupted by the last stop: ${recovered.requeued} queued again, ${recovered.failed} failed (no retries left)` })
    }
    await this.scheduler.start()
    this.catalog.start()
    for (let i = 0; i < this.workerCount; i++) this.loops.push(this.workerLoop(`${this.workerPrefix}${i}`))
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.scheduler.stop()
    this.catalog.stop()
    this.wake()
    for (const controller of this.running.values()) controller.abort()
    await this.pool.stop()
    await Promise.allSettled(this.loops)
    fs.rmSync(this.tmpRoot, { recursive: true, force: true })
  }

  /** Job functions that can run now: loaded and enabled. Jobs of the others wait in the queue. */
  runnableNames(): string[] {
    return this.catalog
      .list()
      .filter((e) => e.state === 'loaded')
      .map((e) => e.name)
  }

  /** A submitted, retried or rescheduled job is waiting: an idle worker looks at once. */
  wake(): void {
    for (const fn of this.wakeUp.splice(0)) fn()
  }

  /** Asks a running job to stop (cooperatively, then forced after a grace period). */
  cancelRunning(id: string): void {
    this.running.get(id)?.abort()
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.wakeUp.push(done)
    })
  }

  private async workerLoop(workerId: string): Promise<void> {
    while (!this.stopped) {
      let job: JobRow | undefined
      try {
        job = await this.queue.claim(workerId, this.runnableNames())
      } catch (err) {
        this.ctx.logs.log({ category: 'system', level: 'error', component: 'jobs', message: `claiming a job failed: ${(err as Error).message}` })
      }
      if (!job) {
        await this.sleep(IDLE_POLL_MS)
        continue
      }
      const entry = this.catalog.get(job.job_name)
      const controller = new AbortController()
      this.running.set(job.id, controller)
      try {
        await runJob({ ctx: this.ctx, queue: this.queue, pool: this.pool, job, workerId, spec: this.specFor(entry!), cancel: controller, stopping: () => this.stopped })
      } catch (err) {
        if (this.stopped) break
        await this.queue.fail(job.id, workerId, `the runtime could not run the job: ${(err as Error).message}`).catch(() => undefined)
      } finally {
        this.running.delete(job.id)
      }
    }
  }

  private specFor(entry: JobEntry): WorkerSpec {
    const cached = this.specs.get(entry.name)
    if (cached?.version === entry.version && cached.apiUrl === this.ctx.apiUrl) return cached.spec
    // Workers warmed before the API listened could not be told its address (allow-net false lets them reach only
    // the API): replace them now that it is known.
    if (cached) this.pool.retire(entry.name)
    const spec = jobWorkerSpec(entry, { jobsDir: this.options.jobsDir, tmpRoot: this.tmpRoot, denoDir: path.join(this.ctx.config.dataDir, 'deno-cache'), hostScript: this.hostScriptPath, apiUrl: this.ctx.apiUrl })
    this.specs.set(entry.name, { version: entry.version, apiUrl: this.ctx.apiUrl, spec })
    return spec
  }

  private async changed(names: string[]): Promise<void> {
    await Promise.all(
      names.map(async (name) => {
        this.pool.retire(name)
        this.specs.delete(name)
        const entry = this.catalog.get(name)
        if (!entry || entry.state === 'disabled') return
        let error: string | undefined
        try {
          error = await this.pool.warm(name, this.specFor(entry))
        } catch (err) {
          error = (err as Error).message
        }
        this.catalog.setLoadResult(name, entry.version, error)
        if (error) this.ctx.logs.log({ category: 'execution', level: 'error', component: 'jobs', message: `job function ${name} does not load: ${error}`, fields: { job_function: name } })
      }),
    )
    await this.scheduler.setSchedules(this.schedules())
    this.wake()
  }

  private schedules(): Schedule[] {
    return this.catalog
      .list()
      .filter((e) => e.settings.enabled && e.settings.schedule)
      .map((e) => ({ namespace: e.namespace, jobName: e.name, cron: e.settings.schedule!, params: e.settings.scheduleParams }))
  }

  private async enqueueScheduled(schedule: Schedule, dueAt: Date): Promise<void> {
    const entry = this.catalog.get(schedule.jobName)
    if (!entry || !entry.settings.enabled) return
    await this.queue.submit({
      namespace: schedule.namespace,
      jobName: schedule.jobName,
      payload: { _trigger: 'cron', _scheduled_at: dueAt.toISOString(), ...schedule.params },
      priority: 0,
      scheduledAt: null,
      limits: { maxDurationSeconds: entry.settings.timeoutSeconds, progressTimeoutSeconds: entry.settings.progressTimeoutSeconds, maxRetries: entry.settings.maxRetries },
      owner: { userId: null, role: null, email: null, name: null },
      trigger: 'cron',
    })
    this.wake()
  }

  private loadScheduleState() {
    return withIdentity(this.ctx.pools.api, QUEUE_IDENTITY, async (c) => {
      const { rows } = await c.query<{ namespace: string; job_name: string; paused: boolean; last_run_at: Date | null }>('SELECT namespace, job_name, paused, last_run_at FROM jobs.schedules')
      return new Map(rows.map((r) => [`${r.namespace}/${r.job_name}`, { paused: r.paused, lastRunAt: r.last_run_at }]))
    })
  }

  private async saveScheduleState(schedule: Schedule, state: { paused: boolean; lastRunAt: Date | null }): Promise<void> {
    await withIdentity(this.ctx.pools.api, QUEUE_IDENTITY, (c) =>
      c.query(
        `INSERT INTO jobs.schedules (namespace, job_name, paused, last_run_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (namespace, job_name) DO UPDATE SET paused = EXCLUDED.paused, last_run_at = EXCLUDED.last_run_at`,
        [schedule.namespace, schedule.jobName, state.paused, state.lastRunAt],
      ),
    )
  }
}
