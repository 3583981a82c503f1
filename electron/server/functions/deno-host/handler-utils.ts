// functions/deno-host/handler-utils.ts — the handler's `utils` (also the global `Fluxbase`) and the global
// `secrets` (contract §2.2, §5): progress and cancellation are no-ops for functions; ai.* calls the runtime's
// internal AI routes with the service token; secrets read the FLUXBASE_USER_* / FLUXBASE_SETTING_* variables.

export interface ExecutionContext {
  execution_id: string
  function_name: string
  namespace: string
  user: { id: string; email?: string; role: string } | null
}

function aiCall(kind: string, serviceToken: string | undefined, body?: unknown) {
  return async () => {
    const base = (globalThis as unknown as { Deno: { env: { get(k: string): string | undefined } } }).Deno.env.get('FLUXBASE_URL')
    const r = await fetch(`${base}/api/v1/internal/ai/${kind}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${serviceToken ?? ''}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!r.ok) throw new Error(`AI ${kind} failed: ${r.status} ${await r.text()}`)
    return r.json()
  }
}

/** The `ai` utility of functions and jobs (contract §2.2): the runtime's internal AI routes, as the service role. */
export function createAi(serviceToken: string | undefined) {
  return {
    chat: (req: unknown) => aiCall('chat', serviceToken, req)(),
    embed: (req: unknown) => aiCall('embed', serviceToken, req)(),
    listProviders: () => aiCall('providers', serviceToken)(),
  }
}

export function createUtils(context: ExecutionContext, bodyText: string, serviceToken: string | undefined) {
  return {
    reportProgress: (_percent: number, _message?: string, _data?: unknown) => undefined,
    checkCancellation: () => false,
    isCancelled: async () => false,
    getExecutionContext: () => context,
    getPayload: () => {
      try {
        return JSON.parse(bodyText || '{}') as unknown
      } catch {
        return {}
      }
    },
    ai: createAi(serviceToken),
  }
}

const normalise = (key: string) => key.replace(/[.\-\s]/g, '_').toUpperCase()

export function createSecrets(env: Record<string, string>) {
  const user = (k: string) => env[`FLUXBASE_USER_${normalise(k)}`]
  const system = (k: string) => env[`FLUXBASE_SETTING_${normalise(k)}`]
  return {
    get: (k: string) => user(k) ?? system(k),
    getUser: user,
    getSystem: system,
    getRequired(k: string) {
      const v = user(k) ?? system(k)
      if (v === undefined) throw new Error(`Required secret '${k}' not found. Set it via SDK or CLI.`)
      return v
    },
  }
}
