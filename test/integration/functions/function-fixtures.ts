// test/integration/functions/function-fixtures.ts — a functions folder written for a test, a runtime serving it,
// and requests exactly as @fluxbase/sdk's functions.invoke sends them (contract §1.2), for the invoke tests.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

export interface FunctionsRuntime extends TestRuntime {
  dir: string
  write(file: string, code: string): void
  /** functions.invoke(name, { body, headers, method, namespace }) as the SDK sends it, read back as the SDK reads it. */
  invoke(name: string, options?: { body?: unknown; headers?: Record<string, string>; method?: string; namespace?: string; token?: string }): Promise<SdkResult>
}

export interface SdkResult {
  status: number
  headers: Headers
  data: unknown
  error: (Error & { status: number; details: unknown }) | null
}

export async function startFunctionsRuntime(files: Record<string, string>): Promise<FunctionsRuntime> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-fn-'))
  const write = (file: string, code: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), code)
  }
  for (const [file, code] of Object.entries(files)) write(file, code)
  const rt = await startTestRuntime({ functionsDir: dir })
  return {
    ...rt,
    dir,
    write,
    async invoke(name, options = {}) {
      const method = options.method ?? 'POST'
      const token = options.token ?? rt.info.anonKey
      const headers: Record<string, string> = { 'Content-Type': 'application/json', apikey: rt.info.anonKey, Authorization: `Bearer ${token}`, ...options.headers }
      let body: BodyInit | undefined
      if (method !== 'GET' && method !== 'DELETE' && options.body) {
        if (options.body?.constructor?.name === 'FormData') {
          delete headers['Content-Type']
          body = options.body as FormData
        } else body = JSON.stringify(options.body)
      }
      const q = options.namespace ? `?namespace=${encodeURIComponent(options.namespace)}` : ''
      const res = await fetch(`${rt.info.apiUrl}/api/v1/functions/${name}/invoke${q}`, { method, headers, body })
      const parsed = (res.headers.get('content-type') ?? '').includes('application/json') ? await res.json() : await res.text()
      if (res.ok) return { status: res.status, headers: res.headers, data: parsed, error: null }
      const message = (parsed as { error?: string })?.error ?? res.statusText
      return { status: res.status, headers: res.headers, data: null, error: Object.assign(new Error(message), { status: res.status, details: parsed }) }
    },
    async stop() {
      await rt.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
