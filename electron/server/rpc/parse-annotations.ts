// rpc/parse-annotations.ts — a procedure's .sql file → ProcedureDefinition: `-- @fluxbase:name|description|input|
// output|public|require-role|allowed-tables|allowed-schemas|max-execution-time|disable-execution-logs|version`
// comment lines (multi-line JSON for input/output), and the SQL that remains once they are removed. Pure.
import type { ProcedureDefinition } from './procedure-types.js'

const ANNOTATION = /^\s*--\s*@fluxbase:([a-z-]+)(?:\s+(.*?))?\s*$/

function parseSchema(text: string): Record<string, string> | undefined {
  const t = text.trim()
  if (!t || t === 'any') return undefined
  try {
    const parsed = JSON.parse(t) as unknown
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]))
    }
  } catch {
    // `field:type, other?:type` is accepted too.
  }
  const out: Record<string, string> = {}
  for (const part of t.split(',')) {
    const [k, v] = part.split(':').map((s) => s?.trim())
    if (k && v) out[k] = v
  }
  return Object.keys(out).length ? out : undefined
}

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean)
}

/** `30s`, `5m`, `1h`, `1500ms` or bare seconds → whole seconds (at least 1). */
export function parseDurationSeconds(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(text.trim())
  if (!m) return undefined
  const n = Number(m[1])
  const factor = { ms: 0.001, s: 1, m: 60, h: 3600 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h']
  return Math.max(1, Math.ceil(n * factor))
}

function balanced(text: string): boolean {
  let depth = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '\\') i++
      else if (ch === '"') quoted = false
    } else if (ch === '"') quoted = true
    else if (ch === '{') depth++
    else if (ch === '}') depth--
  }
  return depth === 0 && !quoted
}

export function parseProcedureFile(code: string, fallbackName: string, namespace = 'default'): ProcedureDefinition {
  const def: ProcedureDefinition = {
    namespace,
    name: fallbackName,
    sqlQuery: '',
    originalCode: code,
    isPublic: false,
    allowedTables: [],
    allowedSchemas: ['public'],
    maxExecutionTimeSeconds: 30,
    disableExecutionLogs: false,
    enabled: true,
    version: 1,
  }
  const lines = code.split(/\r?\n/)
  const sql: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const m = ANNOTATION.exec(lines[i])
    if (!m) {
      sql.push(lines[i])
      continue
    }
    const key = m[1]
    let value = m[2] ?? ''
    if ((key === 'input' || key === 'output') && value.startsWith('{') && !balanced(value)) {
      // Multi-line JSON: following `-- …` lines until the braces balance.
      while (i + 1 < lines.length && /^\s*--/.test(lines[i + 1]) && !ANNOTATION.test(lines[i + 1]) && !balanced(value)) {
        value += lines[++i].replace(/^\s*--\s?/, '').trim()
      }
    }
    switch (key) {
      case 'name': if (value) def.name = value; break
      case 'description': def.description = value; break
      case 'input': def.inputSchema = parseSchema(value); break
      case 'output': def.outputSchema = parseSchema(value); break
      case 'public': def.isPublic = value === '' || /^(true|yes|1)$/i.test(value); break
      case 'require-role': def.requireRole = list(value); break
      case 'allowed-tables': def.allowedTables = list(value); break
      case 'allowed-schemas': def.allowedSchemas = list(value); break
      case 'max-execution-time':
      case 'timeout': def.maxExecutionTimeSeconds = parseDurationSeconds(value) ?? def.maxExecutionTimeSeconds; break
      case 'disable-execution-logs':
      case 'disable-logs': def.disableExecutionLogs = value === '' || value === 'true'; break
      case 'version': def.version = Number.parseInt(value, 10) || def.version; break
      case 'enabled': def.enabled = !/^(false|no|0)$/i.test(value); break
      default: break
    }
  }
  def.sqlQuery = sql.join('\n').trim().replace(/;\s*$/, '')
  return def
}
