// functions/function-annotations.ts — `@fluxbase:` annotations in a function's source → its settings (contract
// §2.6), plus the harmless extensions `timeout`, `memory` and `enabled`. Pure. An annotation starts a line, after
// `//`, `/*` or `*`; unknown ones are ignored, as upstream does.

export interface FunctionSettings {
  enabled: boolean
  allowUnauthenticated: boolean
  isPublic: boolean
  disableExecutionLogs: boolean
  timeoutSeconds: number
  memoryMb: number
  cors: { origins?: string[]; methods?: string[]; headers?: string[]; credentials?: boolean; maxAge?: number }
  rateLimit?: { limit: number; window: 'minute' | 'hour' | 'day' }
}

export const DEFAULT_TIMEOUT_SECONDS = 30
export const DEFAULT_MEMORY_MB = 128
const LINE = /^\s*(?:\/\/|\/\*+|\*)\s*@fluxbase:([a-z-]+)(?:[ \t]+([^\n]*?))?\s*(?:\*\/)?\s*$/gm

/** An annotation's on/off value: present alone means on; false, no, off or 0 mean off. Shared with jobs/. */
export const annotationFlag = (v: string | undefined): boolean => v === undefined || v === '' || !/^(false|no|off|0)$/i.test(v)
/** A comma-separated annotation value. Shared with jobs/. */
export const annotationList = (v: string | undefined): string[] => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)
const flag = annotationFlag
const list = annotationList

export function parseFunctionAnnotations(source: string): FunctionSettings {
  const s: FunctionSettings = { enabled: true, allowUnauthenticated: false, isPublic: true, disableExecutionLogs: false, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, memoryMb: DEFAULT_MEMORY_MB, cors: {} }
  for (const m of source.matchAll(LINE)) {
    const [, key, raw] = m
    const v = raw?.trim()
    switch (key) {
      case 'allow-unauthenticated':
        s.allowUnauthenticated = flag(v)
        break
      case 'public':
        s.isPublic = flag(v)
        break
      case 'disable-execution-logs':
        s.disableExecutionLogs = flag(v)
        break
      case 'enabled':
        s.enabled = flag(v)
        break
      case 'disabled':
        s.enabled = !flag(v)
        break
      case 'timeout': {
        const t = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(v ?? '')
        if (t) s.timeoutSeconds = Math.max(0.05, Math.min(900, Number(t[1]) * (t[2] === 'ms' ? 0.001 : t[2] === 'm' ? 60 : 1)))
        break
      }
      case 'memory': {
        const n = /^(\d+)\s*(mb)?$/i.exec(v ?? '')
        if (n) s.memoryMb = Math.max(16, Math.min(4096, Number(n[1])))
        break
      }
      case 'cors-origins':
        s.cors.origins = list(v)
        break
      case 'cors-methods':
        s.cors.methods = list(v)
        break
      case 'cors-headers':
        s.cors.headers = list(v)
        break
      case 'cors-credentials':
        s.cors.credentials = flag(v)
        break
      case 'cors-max-age':
        if (/^\d+$/.test(v ?? '')) s.cors.maxAge = Number(v)
        break
      case 'rate-limit': {
        const r = /^(\d+)\s*\/\s*(min|minute|hour|day)$/i.exec(v ?? '')
        if (r && !s.rateLimit) s.rateLimit = { limit: Number(r[1]), window: r[2].toLowerCase().startsWith('min') ? 'minute' : (r[2].toLowerCase() as 'hour' | 'day') }
        break
      }
    }
  }
  return s
}
