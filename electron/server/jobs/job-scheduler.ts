// jobs/job-scheduler.ts — turns job functions' `schedule` annotations into queued jobs at their times (cron in UTC,
// evaluated by croner). Runs missed while the runtime was stopped are skipped, not piled up: only times after the
// scheduler started count, and a late tick enqueues one run, not one per missed time. The clock is injectable, and
// tick() can be called directly, so tests move time instead of waiting for minutes.
import { Cron } from 'croner'

export interface Schedule {
  namespace: string
  jobName: string
  cron: string
  params?: Record<string, unknown>
}

export interface ScheduleState extends Schedule {
  paused: boolean
  nextRunAt: Date | null
  lastRunAt: Date | null
}

export interface SchedulerDeps {
  now(): Date
  /** Queues one run of the schedule for the time it was due. */
  enqueue(schedule: Schedule, dueAt: Date): Promise<void>
  /** Reads and writes the pause flags and last runs (jobs.schedules). */
  loadState(): Promise<Map<string, { paused: boolean; lastRunAt: Date | null }>>
  saveState(schedule: Schedule, state: { paused: boolean; lastRunAt: Date | null }): Promise<void>
  onError(message: string, error: unknown): void
}

/** Longest sleep between ticks: a clock change or a suspended laptop is noticed within this. */
const MAX_SLEEP_MS = 60_000

const keyOf = (s: { namespace: string; jobName: string }) => `${s.namespace}/${s.jobName}`

export interface JobScheduler {
  /** Replaces the set of schedules (the job functions' annotations changed). */
  setSchedules(schedules: Schedule[]): Promise<void>
  /** Enqueues every schedule due since the last tick (one run each), then plans the next timer. */
  tick(): Promise<void>
  list(): ScheduleState[]
  setPaused(namespace: string, jobName: string, paused: boolean): Promise<boolean>
  start(): Promise<void>
  stop(): void
}

export function createJobScheduler(deps: SchedulerDeps): JobScheduler {
  const crons = new Map<string, { schedule: Schedule; cron: Cron }>()
  let state = new Map<string, { paused: boolean; lastRunAt: Date | null }>()
  /** Times up to here have been handled; starts at the scheduler's start, so missed runs are skipped. */
  let checkedUpTo = deps.now()
  /** A schedule resumed after a pause counts only from its resumption (the paused times are not caught up). */
  const resumedAt = new Map<string, Date>()
  let timer: NodeJS.Timeout | undefined
  let running = false
  let ticking: Promise<void> | undefined

  const nextRun = (key: string, after: Date): Date | null => crons.get(key)?.cron.nextRun(after) ?? null

  function plan(): void {
    if (!running) return
    clearTimeout(timer)
    const now = deps.now()
    let soonest = MAX_SLEEP_MS
    for (const [key] of crons) {
      const next = nextRun(key, checkedUpTo)
      if (next) soonest = Math.min(soonest, Math.max(0, next.getTime() - now.getTime()))
    }
    timer = setTimeout(() => void scheduler.tick(), soonest + 5)
    timer.unref()
  }

  async function tickOnce(): Promise<void> {
    const now = deps.now()
    for (const [key, { schedule }] of crons) {
      const st = state.get(key) ?? { paused: false, lastRunAt: null }
      // The latest due time in (checkedUpTo, now]: one run, however many were missed.
      let due: Date | null = null
      const from = resumedAt.get(key) ?? checkedUpTo
      for (let t = nextRun(key, from); t && t.getTime() <= now.getTime(); t = nextRun(key, t)) due = t
      if (!due || st.paused) continue
      try {
        await deps.enqueue(schedule, due)
        const next = { paused: st.paused, lastRunAt: due }
        state.set(key, next)
        await deps.saveState(schedule, next)
      } catch (err) {
        deps.onError(`could not queue the scheduled run of ${key}`, err)
      }
    }
    checkedUpTo = now
    resumedAt.clear()
  }

  const scheduler: JobScheduler = {
    async setSchedules(schedules) {
      for (const { cron } of crons.values()) cron.stop()
      crons.clear()
      for (const schedule of schedules) crons.set(keyOf(schedule), { schedule, cron: new Cron(schedule.cron, { timezone: 'UTC', paused: true }) })
      plan()
    },
    tick() {
      // Ticks never overlap: a slow enqueue delays the next one instead of doubling a run.
      ticking = (ticking ?? Promise.resolve()).then(tickOnce).finally(plan)
      return ticking
    },
    list() {
      return [...crons.entries()].map(([key, { schedule }]) => {
        const st = state.get(key) ?? { paused: false, lastRunAt: null }
        return { ...schedule, paused: st.paused, lastRunAt: st.lastRunAt, nextRunAt: st.paused ? null : nextRun(key, deps.now()) }
      })
    },
    async setPaused(namespace, jobName, paused) {
      const key = keyOf({ namespace, jobName })
      const entry = crons.get(key)
      if (!entry) return false
      const next = { paused, lastRunAt: state.get(key)?.lastRunAt ?? null }
      state.set(key, next)
      await deps.saveState(entry.schedule, next)
      // Resuming does not catch up on the runs that fell in the pause.
      if (!paused) resumedAt.set(key, deps.now())
      plan()
      return true
    },
    async start() {
      state = await deps.loadState()
      checkedUpTo = deps.now()
      running = true
      plan()
    },
    stop() {
      running = false
      clearTimeout(timer)
      for (const { cron } of crons.values()) cron.stop()
    },
  }
  return scheduler
}
