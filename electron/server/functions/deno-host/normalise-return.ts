// functions/deno-host/normalise-return.ts — a handler's return value → status, headers and body bytes
// (contract §2.3, with its "not to copy" fixes: a numeric status is required, a non-string body is JSON-encoded,
// undefined is null). Runs inside the Deno host; pure apart from reading a Response's body.

export interface NormalisedResponse {
  status: number
  headers: Record<string, string>
  body: Uint8Array
}

const encoder = new TextEncoder()
const JSON_TYPE = 'application/json'

function lowerCaseHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!h) return out
  if (h instanceof Headers) h.forEach((v, k) => (out[k.toLowerCase()] = v))
  else for (const [k, v] of Object.entries(h as Record<string, unknown>)) if (v !== undefined && v !== null) out[k.toLowerCase()] = String(v)
  return out
}

function hasType(headers: Record<string, string>): boolean {
  return 'content-type' in headers
}

export async function normaliseReturn(value: unknown): Promise<NormalisedResponse> {
  if (value instanceof Response) {
    return { status: value.status, headers: lowerCaseHeaders(value.headers), body: new Uint8Array(await value.arrayBuffer()) }
  }
  if (value !== null && typeof value === 'object' && typeof (value as { status?: unknown }).status === 'number' && !Array.isArray(value)) {
    const r = value as { status: number; headers?: unknown; body?: unknown }
    const headers = lowerCaseHeaders(r.headers)
    let body: Uint8Array
    if (r.body === undefined || r.body === null) body = new Uint8Array()
    else if (typeof r.body === 'string') body = encoder.encode(r.body)
    else if (r.body instanceof Uint8Array) body = r.body
    else if (r.body instanceof ArrayBuffer) body = new Uint8Array(r.body)
    else {
      body = encoder.encode(JSON.stringify(r.body))
      if (!hasType(headers)) headers['content-type'] = JSON_TYPE
    }
    if (!hasType(headers)) headers['content-type'] = 'text/plain; charset=utf-8'
    if (r.status < 100 || r.status > 599 || !Number.isInteger(r.status)) throw new Error(`the handler returned status ${r.status}: a status is a whole number from 100 to 599`)
    return { status: r.status, headers, body }
  }
  return { status: 200, headers: { 'content-type': JSON_TYPE }, body: encoder.encode(JSON.stringify(value === undefined ? null : value) ?? 'null') }
}
