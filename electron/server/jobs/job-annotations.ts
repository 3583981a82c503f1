// jobs/job-annotations.ts — `@fluxbase:` annotations in a job function's source → its settings (contract §4.4):
// schedule (cron, UTC, stops at the end of its line — upstream's ran on into the next one), schedule-params,
// timeout, memory, max-retries, progress-timeout, enabled, permissions, require-role, disable-execution-logs.
// Pure. Problems (a cron expression croner refuses, params that are not a JSON object) are returned, not thrown:
// the job function is shown with them and its schedule does not run.
import { Cron } from 'croner'
import { annotationFlag, annotationList } from '../functions/function-annotations.js'

export interface JobSettings {
  enabled: boolean
  schedule?: string
  scheduleParams?: Record<string, unknown>
  timeoutSeconds: number
  memoryMb: number
  maxRetries: number
  progressTimeoutSeconds: number
  allowNet: boolean
  allowEnv: boolean
  allowRead: boolean
  allowWrite: boolean
  requireRoles: string[]
  disableExecutionLogs: boolean
  problems: string[]
}

export const JOB_DEFAULTS = { timeoutSeconds: 300, memoryMb: 256, maxRetries: 0, progressTimeoutSeconds: 300 }

// Anywhere in the file, as upstream matches them; the value is the rest of that line only.
const ANNOTATION = /@fluxbase:([a-z-]+)(?:[ \t]+([^\r\n]*))?/g

const flag = annotationFlag

function wholeNumber(v: string | undefined, min: number, max: number): number | undefined {
  if (!v || !/^\d+$/.test(v)) return undefined
  return Math.max(min, Math.min(max, Number(v)))
}

/** The cron expression as written, or a problem: 5 fields (or 6 with seconds), evaluated by croner in UTC. */
export function checkCron(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/)
  if (fields.length < 5 || fields.length > 6) return `schedule "${expression}" must have 5 fields (minute hour day month weekday) or 6 with seconds first`
  try {
    new Cron(expression, { timezone: 'UTC', paused: true }).stop()
    return undefined
  } catch (err) {
    return `schedule "${expression}" is not a valid cron expression: ${(err as Error).message}`
  }
}

export function parseJobAnnotations(source: string): JobSettings {
  const s: JobSettings = { enabled: true, ...JOB_DEFAULTS, allowNet: true, allowEnv: true, allowRead: false, allowWrite: false, requireRoles: [], disableExecutionLogs: false, problems: [] }
  for (const m of source.matchAll(ANNOTATION)) {
    const key = m[1]
    // A block comment closing at the end of the line is not part of the value (a cron step such as */5 is).
    const v = m[2]?.replace(/\s*\*\/\s*$/, '').trim()
    switch (key) {
      case 'schedule': {
        if (!v) break
        const problem = checkCron(v)
        if (problem) s.problems.push(problem)
        else s.schedule = v
        break
      }
      case 'schedule-params': {
        try {
          const params = JSON.parse(v ?? '')
          if (params && typeof params === 'object' && !Array.isArray(params)) s.scheduleParams = params
          else s.problems.push('schedule-params must be a JSON object')
        } catch {
          s.problems.push(`schedule-params is not valid JSON: ${v}`)
        }
        break
      }
      case 'timeout':
        s.timeoutSeconds = wholeNumber(v, 1, 86_400) ?? s.timeoutSeconds
        break
      case 'memory':
        s.memoryMb = wholeNumber(v, 16, 4096) ?? s.memoryMb
        break
      case 'max-retries':
        s.maxRetries = wholeNumber(v, 0, 100) ?? s.maxRetries
        break
      case 'progress-timeout':
        s.progressTimeoutSeconds = wholeNumber(v, 1, 86_400) ?? s.progressTimeoutSeconds
        break
      case 'enabled':
        s.enabled = flag(v)
        break
      case 'allow-net':
        s.allowNet = flag(v)
        break
      case 'allow-env':
        s.allowEnv = flag(v)
        break
      case 'allow-read':
        s.allowRead = flag(v)
        break
      case 'allow-write':
        s.allowWrite = flag(v)
        break
      case 'require-role':
        s.requireRoles = annotationList(v)
        break
      case 'disable-execution-logs':
        // Present at all means on, even when written with "false" (as upstream).
        s.disableExecutionLogs = true
        break
    }
  }
  return s
}
