// functions/function-writer.ts — what the management API (manage-routes.ts) writes into the functions folder, which
// stays the source of truth: the code, with the settings sent beside it turned into its `@fluxbase:` annotation
// lines (an annotation the request sets replaces the code's own). Files it creates carry a first-line marker, so
// a sync with delete_missing removes only functions the API wrote, never one written by hand.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

export const API_MARKER = '// Written by the Fluxbase admin API (a sync with delete_missing may remove this function).'

const csv = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v.join(', ') : v))

/** The settings fields of the contract's create/update/sync bodies that map to annotations. */
export const functionSettingsFields = {
  description: z.string().max(2000).optional(),
  enabled: z.boolean().optional(),
  timeout_seconds: z.number().positive().max(900).optional(),
  memory_limit_mb: z.number().int().min(16).max(4096).optional(),
  allow_net: z.boolean().optional(),
  allow_env: z.boolean().optional(),
  allow_read: z.boolean().optional(),
  allow_write: z.boolean().optional(),
  allow_unauthenticated: z.boolean().optional(),
  is_public: z.boolean().optional(),
  disable_execution_logs: z.boolean().optional(),
  cors_origins: csv.optional(),
  cors_methods: csv.optional(),
  cors_headers: csv.optional(),
  cors_credentials: z.boolean().optional(),
  cors_max_age: z.number().int().min(0).optional(),
  rate_limit_per_minute: z.number().int().positive().optional(),
  rate_limit_per_hour: z.number().int().positive().optional(),
  rate_limit_per_day: z.number().int().positive().optional(),
  cron_schedule: z.string().nullable().optional(),
  namespace: z.literal('default', { message: 'namespace: this project has one namespace, "default"' }).optional(),
}

export type FunctionSettingsInput = { [K in keyof typeof functionSettingsFields]?: z.infer<(typeof functionSettingsFields)[K]> }

/** The request's settings as annotation key → value ('' for a bare flag). */
function annotationsOf(s: FunctionSettingsInput): Map<string, string> {
  const out = new Map<string, string>()
  const on = (key: string, v: boolean | undefined) => v !== undefined && out.set(key, v ? 'true' : 'false')
  on('enabled', s.enabled)
  on('allow-unauthenticated', s.allow_unauthenticated)
  on('public', s.is_public)
  on('disable-execution-logs', s.disable_execution_logs)
  on('cors-credentials', s.cors_credentials)
  if (s.timeout_seconds !== undefined) out.set('timeout', `${s.timeout_seconds}s`)
  if (s.memory_limit_mb !== undefined) out.set('memory', `${s.memory_limit_mb}`)
  if (s.cors_origins !== undefined) out.set('cors-origins', s.cors_origins)
  if (s.cors_methods !== undefined) out.set('cors-methods', s.cors_methods)
  if (s.cors_headers !== undefined) out.set('cors-headers', s.cors_headers)
  if (s.cors_max_age !== undefined) out.set('cors-max-age', String(s.cors_max_age))
  const rate = s.rate_limit_per_minute ? `${s.rate_limit_per_minute}/min` : s.rate_limit_per_hour ? `${s.rate_limit_per_hour}/hour` : s.rate_limit_per_day ? `${s.rate_limit_per_day}/day` : undefined
  if (rate) out.set('rate-limit', rate)
  return out
}

const ANNOTATION_LINE = /^\s*(?:\/\/|\/\*+|\*)\s*@fluxbase:([a-z-]+)\b.*$/

/** The code with the request's annotations first (replacing the code's own lines for the same keys). */
export function codeWithSettings(code: string, settings: FunctionSettingsInput, marker: boolean): string {
  const set = annotationsOf(settings)
  if (set.has('enabled')) set.set('disabled', '') // `enabled` replaces a `disabled` line too
  const kept = code.split('\n').filter((line) => {
    const m = ANNOTATION_LINE.exec(line)
    return !(m && set.has(m[1])) && line !== API_MARKER
  })
  set.delete('disabled')
  const head = [...(marker ? [API_MARKER] : []), ...[...set].map(([k, v]) => `// @fluxbase:${k}${v ? ` ${v}` : ''}`)]
  return [...head, ...kept].join('\n')
}

/** Written aside and renamed: the watcher never reads half a file. */
export function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  // A dot name: the folder's scan skips it.
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${crypto.randomBytes(4).toString('hex')}.tmp`)
  fs.writeFileSync(tmp, text)
  fs.renameSync(tmp, file)
}

export function writtenByApi(entry: string): boolean {
  try {
    return fs.readFileSync(entry, 'utf8').startsWith(API_MARKER)
  } catch {
    return false
  }
}
