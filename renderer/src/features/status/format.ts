// renderer/src/features/status/format.ts — pure formatting for the status page: durations, sizes,
// and the shortened or masked forms of secrets. No DOM, no store: unit-tested on their own.

/** 59 → "59s", 192 → "3m 12s", 7_500 → "2h 05m", 300_000 → "3d 11h". */
export function formatUptime(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3_600)
  const minutes = Math.floor((seconds % 3_600) / 60)
  const secs = seconds % 60
  const pad = (n: number): string => String(n).padStart(2, '0')
  if (days > 0) return `${days}d ${hours}h`
  if (hours > 0) return `${hours}h ${pad(minutes)}m`
  if (minutes > 0) return `${minutes}m ${pad(secs)}s`
  return `${secs}s`
}

/** 117_440_512 → "112 MB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = Math.max(0, bytes)
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`
}

/** A long secret reduced to its ends, enough to tell keys apart: "eyJhbGciOiJIUzI1NiIs…Xk3sQw". */
export function truncateSecret(secret: string, head = 20, tail = 6): string {
  if (secret.length <= head + tail + 1) return secret
  return `${secret.slice(0, head)}…${secret.slice(-tail)}`
}

/** A connection URL with its password replaced by dots; URLs without one come back unchanged. */
export function maskUrlPassword(url: string): string {
  // Not `new URL()`: it would re-encode the rest of the URL the user is about to copy.
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)([^@/?#]+)(@)/i, '$1••••••$3')
}

/** The local wall-clock time of an ISO instant, e.g. "14:02:11", with the date when not today. */
export function formatStartedAt(iso: string, now: Date = new Date()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  if (date.toDateString() === now.toDateString()) return time
  return `${date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}, ${time}`
}
