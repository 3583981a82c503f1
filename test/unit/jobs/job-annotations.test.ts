import { describe, expect, test } from 'vitest'
import { parseJobAnnotations, checkCron, JOB_DEFAULTS } from '../../../electron/server/jobs/job-annotations.js'
import { retryDelaySeconds } from '../../../electron/server/jobs/retry-backoff.js'

describe('job annotations', () => {
  test('defaults when there are none', () => {
    const s = parseJobAnnotations('export async function handler() {}')
    expect(s).toMatchObject({ ...JOB_DEFAULTS, enabled: true, allowNet: true, allowEnv: true, allowRead: false, allowWrite: false, requireRoles: [], problems: [] })
    expect(s.schedule).toBeUndefined()
  })

  test('the schedule stops at the end of its line (upstream ran on into the next annotation)', () => {
    const s = parseJobAnnotations('/**\n * @fluxbase:schedule 0 2 * * *\n * @fluxbase:timeout 60\n */')
    expect(s.schedule).toBe('0 2 * * *')
    expect(s.timeoutSeconds).toBe(60)
  })

  test('every setting', () => {
    const s = parseJobAnnotations(
      [
        '// @fluxbase:schedule */5 * * * *',
        '// @fluxbase:schedule-params {"region":"eu"}',
        '// @fluxbase:max-retries 3',
        '// @fluxbase:progress-timeout 30',
        '// @fluxbase:memory 512',
        '// @fluxbase:allow-net false',
        '// @fluxbase:allow-read',
        '// @fluxbase:require-role admin, editor',
        '// @fluxbase:disable-execution-logs false',
        '/* @fluxbase:enabled false */',
      ].join('\n'),
    )
    expect(s).toMatchObject({
      schedule: '*/5 * * * *',
      scheduleParams: { region: 'eu' },
      maxRetries: 3,
      progressTimeoutSeconds: 30,
      memoryMb: 512,
      allowNet: false,
      allowRead: true,
      requireRoles: ['admin', 'editor'],
      disableExecutionLogs: true,
      enabled: false,
      problems: [],
    })
  })

  test('an invalid cron expression or params are problems, named, and no schedule runs', () => {
    const s = parseJobAnnotations('// @fluxbase:schedule 61 * * * *\n// @fluxbase:schedule-params [1]')
    expect(s.schedule).toBeUndefined()
    expect(s.problems).toHaveLength(2)
    expect(s.problems[0]).toMatch(/schedule "61 \* \* \* \*" is not a valid cron expression/)
    expect(s.problems[1]).toMatch(/schedule-params must be a JSON object/)
    expect(checkCron('* * *')).toMatch(/must have 5 fields/)
    expect(checkCron('0 0 1 1 *')).toBeUndefined()
  })
})

describe('retry backoff', () => {
  test('doubles from 1 s and stops at 5 minutes', () => {
    expect([1, 2, 3, 4, 10, 100].map(retryDelaySeconds)).toEqual([1, 2, 4, 8, 300, 300])
    expect(retryDelaySeconds(0)).toBe(1)
  })
})
