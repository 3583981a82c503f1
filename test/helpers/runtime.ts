// test/helpers/runtime.ts — one real runtime per test file: embedded PostgreSQL in a temporary data directory,
// the API on a free port. Integration tests get the runtime's info, a superuser pool for fixtures, and a way to
// mint tokens signed with the runtime's secret.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createStudioRuntime, type RuntimeInfo, type StudioRuntime } from '../../electron/server/runtime.js'
import type { StudioRuntimeOptions } from '../../electron/server/config.js'
import type { ServerContext } from '../../electron/server/context.js'
import { signJwt, secretKey } from '../../electron/server/auth/jwt.js'
import { stopIfRunnerDies } from './runner-watch.js'

export interface TestRuntime {
  runtime: StudioRuntime
  info: RuntimeInfo
  ctx: ServerContext
  /** Superuser pool for fixtures and assertions (never for what the API does). */
  admin: pg.Pool
  /** A token signed with the runtime's secret, e.g. { sub, role: 'authenticated', email }. Expires in an hour. */
  signToken(claims: Record<string, unknown>): Promise<string>
  /** fetch against the API with a Bearer token (default: the service-role key). */
  api(pathAndQuery: string, init?: RequestInit & { token?: string }): Promise<Response>
  stop(): Promise<void>
}

export function tempDataDir(prefix = 'fluxbase-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export async function startTestRuntime(options: StudioRuntimeOptions = {}): Promise<TestRuntime> {
  const dataDir = options.dataDir ?? tempDataDir()
  const runtime = createStudioRuntime({ port: 0, quiet: true, ...options, dataDir })
  const forget = stopIfRunnerDies(() => runtime.stop())
  const info = await runtime.start().catch((error: unknown) => {
    forget()
    throw error
  })
  const ctx = runtime.context!
  const admin = new pg.Pool({ connectionString: info.databaseUrl, max: 4 })
  admin.on('error', () => undefined)
  const secret = secretKey(info.jwtSecret)
  return {
    runtime,
    info,
    ctx,
    admin,
    signToken: (claims) => signJwt(secret, { iss: 'fluxbase', ...claims }, { expiresInSeconds: 3600 }),
    api: (pathAndQuery, init = {}) => {
      const { token, headers, ...rest } = init
      return fetch(info.apiUrl + pathAndQuery, {
        ...rest,
        headers: { Authorization: `Bearer ${token ?? info.serviceRoleKey}`, ...(rest.body ? { 'Content-Type': 'application/json' } : {}), ...(headers as Record<string, string>) },
      })
    },
    async stop() {
      forget()
      await admin.end().catch(() => undefined)
      await runtime.stop()
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
