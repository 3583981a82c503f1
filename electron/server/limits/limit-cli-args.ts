// limits/limit-cli-args.ts — the resource-limit flags of `npm run serve` (cli-args.ts spreads these in).
import { StartupError } from '../errors.js'
import type { DbRole } from '../identity.js'
import type { LimitInput } from './limit-options.js'

export const LIMIT_CLI_USAGE = `
  --statement-timeout LIST   per-role statement timeouts, e.g. anon=3s,authenticated=8s,service_role=0 (0 = none)
  --pool-timeout DURATION    longest wait for a free database connection before a 503 (default 5s)
  --async-rpc-per-caller N   async RPC executions one caller may have running at once (default 4)
  --max-response-bytes N     largest REST read response, embeds included (default 33554432 = 32 MiB)
  --max-embed-rows N         most rows one row may embed in a one-to-many array; more is a 400 (default 1000)
  --max-body-bytes N         largest JSON request body; larger gets a 413 (default 67108864 = 64 MiB)`

export const LIMIT_CLI_OPTIONS = {
  'statement-timeout': { type: 'string' },
  'pool-timeout': { type: 'string' },
  'async-rpc-per-caller': { type: 'string' },
  'max-response-bytes': { type: 'string' },
  'max-embed-rows': { type: 'string' },
  'max-body-bytes': { type: 'string' },
} as const

const ROLES: DbRole[] = ['anon', 'authenticated', 'service_role']
const UNITS: Record<string, number> = { ms: 1, s: 1000, min: 60_000, m: 60_000 }

/** `250ms`, `3s`, `2min`, or a bare number of milliseconds. */
export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+)(ms|s|min|m)?$/.exec(text.trim())
  if (!m) throw new StartupError(`--${flag}: "${text}" is not a duration (e.g. 500ms, 3s, 2min)`)
  return Number(m[1]) * UNITS[m[2] ?? 'ms']
}

function whole(flag: string, text: string, min: number): number {
  const n = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min) throw new StartupError(`--${flag} must be a whole number of at least ${min}, not "${text}"`)
  return n
}

export function limitOptionsFromCli(values: Record<string, unknown>): LimitInput | undefined {
  const limits: NonNullable<LimitInput> = {}
  const timeouts = values['statement-timeout']
  if (typeof timeouts === 'string') {
    limits.statementTimeoutMs = {}
    for (const item of timeouts.split(',')) {
      const [role, duration] = item.split('=')
      if (!ROLES.includes(role?.trim() as DbRole) || duration === undefined) {
        throw new StartupError(`--statement-timeout: expected role=duration items for ${ROLES.join(', ')}, not "${item}"`)
      }
      limits.statementTimeoutMs[role.trim() as DbRole] = parseDuration('statement-timeout', duration)
    }
  }
  if (typeof values['pool-timeout'] === 'string') limits.poolAcquireTimeoutMs = parseDuration('pool-timeout', values['pool-timeout'])
  if (typeof values['async-rpc-per-caller'] === 'string') limits.asyncRpcPerCaller = whole('async-rpc-per-caller', values['async-rpc-per-caller'], 1)
  if (typeof values['max-response-bytes'] === 'string') limits.maxResponseBytes = whole('max-response-bytes', values['max-response-bytes'], 1024)
  if (typeof values['max-embed-rows'] === 'string') limits.maxEmbedRows = whole('max-embed-rows', values['max-embed-rows'], 1)
  if (typeof values['max-body-bytes'] === 'string') limits.maxBodyBytes = whole('max-body-bytes', values['max-body-bytes'], 1024)
  return Object.keys(limits).length ? limits : undefined
}
