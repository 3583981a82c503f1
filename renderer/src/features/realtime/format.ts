// features/realtime/format.ts — small display helpers for the inspector: clock times with milliseconds, "3 min ago",
// a row in one line, short ids. Pure.
import { valueText } from './row-diff'

export function clockTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number, w = 2) => String(n).padStart(w, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

export function ago(iso: string | null, now: number): string {
  if (!iso) return 'unknown'
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (s < 60) return `${s} s ago`
  if (s < 3600) return `${Math.floor(s / 60)} min ago`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`
  return `${Math.floor(s / 86_400)} d ago`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `id=3 · title=hello · done=false`: the id first when there is one, then the short, readable values (a uuid or a
 * long text says little in one line and would push the rest out), at most `max` columns.
 */
export function rowSummary(row: Record<string, unknown> | null, max = 4): string {
  if (!row) return ''
  const keys = Object.keys(row).filter((k) => k !== 'id')
  const text = (k: string) => valueText(row[k])
  const telling = (k: string) => !UUID.test(text(k)) && text(k).length <= 60
  const ordered = [...('id' in row ? ['id'] : []), ...keys.filter(telling), ...keys.filter((k) => !telling(k))]
  return ordered
    .slice(0, max)
    .map((k) => {
      const v = text(k)
      return `${k}=${v.length > 40 ? `${v.slice(0, 40)}…` : v}`
    })
    .join(' · ')
}

export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}
