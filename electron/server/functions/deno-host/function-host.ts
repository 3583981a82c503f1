// functions/deno-host/function-host.ts — the entry of the Deno host for edge functions (bundled by esbuild into
// one script with the clients; see functions/host-bundle.ts). Loads one function's module at init, then runs its
// handler for each call: environment, Request, clients and utilities in; normalised response out.
import { defineCallGlobal, replaceCallEnv, runHost, setCallLocal } from '../../deno/host-channel.js'
import { createClient } from './handler-clients.js'
import { normaliseReturn } from './normalise-return.js'
import { findHandler } from './handler-lookup.js'
import { createSecrets, createUtils, type ExecutionContext } from './handler-utils.js'
import type { HostInit, InvokePayload, InvokeResult } from './host-messages.js'

type Handler = (req: Request, fluxbase: unknown, fluxbaseService: unknown, utils: unknown) => unknown

let handler: Handler | undefined
let mapStack: (text: string) => string = (text) => text

const g = globalThis as Record<string, unknown>
g.createClient = createClient
// Several calls may run at once in this worker: `Fluxbase` and `secrets` show the current call's.
defineCallGlobal('Fluxbase')
defineCallGlobal('secrets')

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

function toBase64(bytes: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}

async function init(message: unknown): Promise<void> {
  const { moduleUrl, wrapperDir } = message as HostInit
  const found = await findHandler(moduleUrl, wrapperDir)
  handler = found.handler as Handler
  mapStack = found.mapStack
}

/** req.legacy (contract §2.2), built here from the call rather than sent beside it (the headers once, not twice). */
function legacyRequest(p: InvokePayload, text: string): Record<string, unknown> {
  const query: Record<string, string | string[]> = {}
  for (const [k, v] of new URL(p.url).searchParams) {
    const had = query[k]
    query[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]
  }
  const c = p.context
  const legacy: Record<string, unknown> = { id: c.execution_id, name: c.function_name, namespace: c.namespace, method: p.method, url: p.url, headers: Object.fromEntries(p.headers), params: { query }, base_url: p.env.FLUXBASE_URL }
  if (p.user) Object.assign(legacy, { user_id: p.user.id, user_email: p.user.email, user_role: p.user.role, session_id: p.user.session_id })
  if (text) legacy.body = text
  return legacy
}

async function call(message: unknown): Promise<InvokeResult> {
  const p = message as InvokePayload
  replaceCallEnv(p.env)
  const body = p.body ? fromBase64(p.body) : undefined
  const req = new Request(p.url, { method: p.method, headers: p.headers, body: p.method === 'GET' || p.method === 'HEAD' ? undefined : body })
  const text = body ? new TextDecoder().decode(body) : ''
  Object.defineProperty(req, 'user', { value: p.user, enumerable: true })
  Object.defineProperty(req, 'legacy', { value: legacyRequest(p, text), enumerable: true })
  const context: ExecutionContext = p.context
  const utils = createUtils(context, text, p.env.FLUXBASE_SERVICE_TOKEN)
  setCallLocal('Fluxbase', utils)
  setCallLocal('secrets', createSecrets(p.env))
  const fluxbase = p.env.FLUXBASE_USER_TOKEN ? createClient(p.env.FLUXBASE_URL, p.env.FLUXBASE_USER_TOKEN) : null
  const fluxbaseService = createClient(p.env.FLUXBASE_URL, p.env.FLUXBASE_SERVICE_TOKEN)
  try {
    const value = await handler!(req, fluxbase, fluxbaseService, utils)
    const r = await normaliseReturn(value)
    return { status: r.status, headers: r.headers, body: toBase64(r.body) }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err))
    return { thrown: { message: e.message || String(err), stack: mapStack(e.stack ?? '') } }
  }
}

void runHost({ init, call })
