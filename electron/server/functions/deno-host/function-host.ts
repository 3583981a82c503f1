// functions/deno-host/function-host.ts — the entry of the Deno host for edge functions (bundled by esbuild into
// one script with the clients; see functions/host-bundle.ts). Loads one function's module at init, then runs its
// handler for each call: environment, Request, clients and utilities in; normalised response out.
import { replaceCallEnv, runHost } from '../../deno/host-channel.js'
import { createClient } from './handler-clients.js'
import { normaliseReturn } from './normalise-return.js'
import { createSecrets, createUtils, type ExecutionContext } from './handler-utils.js'
import type { HostInit, InvokePayload, InvokeResult } from './host-messages.js'

type Handler = (req: Request, fluxbase: unknown, fluxbaseService: unknown, utils: unknown) => unknown

const NO_HANDLER = "No handler function found. Export a 'handler', 'default', or 'main' function."
let handler: Handler | undefined

const g = globalThis as Record<string, unknown>
g.createClient = createClient

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
  const { moduleUrl } = message as HostInit
  const mod = (await import(moduleUrl)) as Record<string, unknown>
  const found = [mod.handler, mod.default, mod.main].find((f) => typeof f === 'function')
  if (!found) throw new Error(NO_HANDLER)
  handler = found as Handler
}

async function call(message: unknown): Promise<InvokeResult> {
  const p = message as InvokePayload
  replaceCallEnv(p.env)
  const body = p.body ? fromBase64(p.body) : undefined
  const req = new Request(p.url, { method: p.method, headers: p.headers, body: p.method === 'GET' || p.method === 'HEAD' ? undefined : body })
  Object.defineProperty(req, 'user', { value: p.user, enumerable: true })
  Object.defineProperty(req, 'legacy', { value: p.legacy, enumerable: true })
  const context: ExecutionContext = p.context
  const utils = createUtils(context, body ? new TextDecoder().decode(body) : '', p.env.FLUXBASE_SERVICE_TOKEN)
  g.Fluxbase = utils
  g.secrets = createSecrets(p.env)
  const fluxbase = p.env.FLUXBASE_USER_TOKEN ? createClient(p.env.FLUXBASE_URL, p.env.FLUXBASE_USER_TOKEN) : null
  const fluxbaseService = createClient(p.env.FLUXBASE_URL, p.env.FLUXBASE_SERVICE_TOKEN)
  try {
    const value = await handler!(req, fluxbase, fluxbaseService, utils)
    const r = await normaliseReturn(value)
    return { status: r.status, headers: r.headers, body: toBase64(r.body) }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err))
    return { thrown: { message: e.message || String(err), stack: e.stack ?? '' } }
  }
}

void runHost({ init, call })
