// features/functions/invoke-format.ts — the invoke panel's text work: headers typed one per line into a record,
// a reply body pretty-printed when it is JSON, and the same call written as curl and as an SDK call to copy.
export function parseHeaderLines(text: string): { headers: Record<string, string>; problem: string | null } {
  const headers: Record<string, string> = {}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line) continue
    const colon = line.indexOf(':')
    if (colon <= 0) return { headers, problem: `"${line}" is not a header: write Name: value` }
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return { headers, problem: null }
}

export function prettyBody(body: string): { text: string; json: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true }
  } catch {
    return { text: body, json: false }
  }
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

export function curlCommand(method: string, url: string, headers: Record<string, string>, body: string | null): string {
  const parts = [`curl -X ${method} ${shellQuote(url)}`]
  for (const [k, v] of Object.entries(headers)) parts.push(`-H ${shellQuote(`${k}: ${v}`)}`)
  if (body !== null && method !== 'GET') parts.push(`--data-raw ${shellQuote(body)}`)
  return parts.join(' \\\n  ')
}

/** `fluxbase.functions.invoke(...)` as an app writes it (the SDK adds the identity's headers itself). */
export function sdkCall(name: string, method: string, headers: Record<string, string>, body: string | null, json: boolean): string {
  const options: string[] = []
  if (body !== null && method !== 'GET') options.push(`body: ${json ? JSON.stringify(JSON.parse(body), null, 2).replace(/\n/g, '\n  ') : JSON.stringify(body)}`)
  if (Object.keys(headers).length) options.push(`headers: ${JSON.stringify(headers)}`)
  options.push(`method: ${JSON.stringify(method)}`)
  return `const { data, error } = await fluxbase.functions.invoke(${JSON.stringify(name)}, {\n  ${options.join(',\n  ')},\n})`
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString()
}
