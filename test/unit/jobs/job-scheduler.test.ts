// The scheduler with a clock the test moves: runs fire at their times, missed runs are skipped, pauses hold.
import { describe, expect, test } from 'vitest'
import { createJobScheduler, type Schedule } from '../../../electron/server/jobs/job-scheduler.js'

function harness(startAt: string) {
  let now = new Date(startAt)
  const runs: Array<{ job: string; dueAt: string }> = []
  const saved = new Map<string, { paused: boolean; lastRunAt: Date | null }>()
  const scheduler = createJobScheduler({
    now: () => now,
    enqueue: async (s, dueAt) => void runs.push({ job: s.jobName, dueAt: dueAt.toISOString() }),
    loadState: async () => new Map(saved),
    saveState: async (s, st) => void saved.set(`${s.namespace}/${s.jobName}`, st),
    onError: (message, error) => {
      throw new Error(`${message}: ${String(error)}`)
    },
  })
  return {
    scheduler,
    runs,
    saved,
    moveTo: (iso: string) => (now = new Date(iso)),
  }
}

const nightly: Schedule = { namespace: 'default', jobName: 'nightly', cron: '0 2 * * *' }
const every5: Schedule = { namespace: 'default', jobName: 'every5', cron: '*/5 * * * *', params: { a: 1 } }

describe('job scheduler', () => {
  test('fires at the scheduled UTC time, once per time', async () => {
    const h = harness('2026-12-07T01:58:00Z')
    await h.scheduler.start()
    await h.scheduler.setSchedules([nightly])
    expect(h.scheduler.list()[0].nextRunAt?.toISOString()).toBe('2026-12-07T02:00:00.000Z')
    h.moveTo('2026-12-07T01:59:59Z')
    await h.scheduler.tick()
    expect(h.runs).toEqual([])
    h.moveTo('2026-12-07T02:00:01Z')
    await h.scheduler.tick()
    await h.scheduler.tick()
    expect(h.runs).toEqual([{ job: 'nightly', dueAt: '2026-12-07T02:00:00.000Z' }])
    expect(h.scheduler.list()[0]).toMatchObject({ lastRunAt: new Date('2026-12-07T02:00:00Z'), nextRunAt: new Date('2026-12-08T02:00:00Z') })
    h.scheduler.stop()
  })

  test('a late tick queues one run, not one per missed time; runs before the start are skipped', async () => {
    const h = harness('2026-12-07T10:02:00Z')
    await h.scheduler.setSchedules([every5])
    await h.scheduler.start()
    // 10:00 fell before the start: not caught up.
    h.moveTo('2026-12-07T10:31:00Z')
    await h.scheduler.tick()
    expect(h.runs).toEqual([{ job: 'every5', dueAt: '2026-12-07T10:30:00.000Z' }])
    h.scheduler.stop()
  })

  test('a paused schedule does not run, and resuming does not catch up', async () => {
    const h = harness('2026-12-07T10:01:00Z')
    await h.scheduler.setSchedules([every5])
    await h.scheduler.start()
    expect(await h.scheduler.setPaused('default', 'every5', true)).toBe(true)
    expect(h.scheduler.list()[0].nextRunAt).toBeNull()
    h.moveTo('2026-12-07T10:06:00Z')
    await h.scheduler.tick()
    expect(h.runs).toEqual([])
    await h.scheduler.setPaused('default', 'every5', false)
    h.moveTo('2026-12-07T10:09:00Z')
    await h.scheduler.tick()
    expect(h.runs).toEqual([])
    h.moveTo('2026-12-07T10:10:00Z')
    await h.scheduler.tick()
    expect(h.runs).toEqual([{ job: 'every5', dueAt: '2026-12-07T10:10:00.000Z' }])
    expect(h.saved.get('default/every5')).toEqual({ paused: false, lastRunAt: new Date('2026-12-07T10:10:00Z') })
    expect(await h.scheduler.setPaused('default', 'nope', true)).toBe(false)
    h.scheduler.stop()
  })

  test('the pause survives a restart (state loaded at start)', async () => {
    const h = harness('2026-12-07T10:01:00Z')
    h.saved.set('default/every5', { paused: true, lastRunAt: null })
    await h.scheduler.start()
    await h.scheduler.setSchedules([every5])
    h.moveTo('2026-12-07T10:06:00Z')
    await h.scheduler.tick()
    expect(h.runs).toEqual([])
    h.scheduler.stop()
  })
})
