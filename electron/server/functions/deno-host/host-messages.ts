// functions/deno-host/host-messages.ts — what the runtime sends the functions host (init, one call) and what a
// call answers. Types only, shared by functions/invoke-function.ts (Node) and function-host.ts (Deno).

export interface HostInit {
  /** file: URL of the function's entry module. */
  moduleUrl: string
  /** The function's temp folder: where a wrapper exposing a non-exported handler is written (see handler-lookup.ts). */
  wrapperDir?: string
}

export interface CallerUser {
  id: string
  email?: string
  role: string
  session_id?: string
}

export interface InvokePayload {
  method: string
  url: string
  headers: Array<[string, string]>
  /** The raw request body, base64; null when there is none. */
  body: string | null
  /** The whole per-call environment (§2.4 variables and secrets); the process itself has only DENO_DIR, HOME, PATH. */
  env: Record<string, string>
  user: CallerUser | null
  context: { execution_id: string; function_name: string; namespace: string; user: CallerUser | null }
}

export type InvokeResult =
  | { status: number; headers: Record<string, string>; body: string }
  | { thrown: { message: string; stack: string } }
  | { hostError: string }
