// features/tables/ui/format.ts — numbers as the table browser shows them: row counts in full or compact form.
const full = new Intl.NumberFormat('en-US')
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

export function formatCount(n: number): string {
  return full.format(n)
}

export function formatCompact(n: number): string {
  return n < 1000 ? String(n) : compact.format(n)
}

/** Catalog bigints arrive as strings; null means "never analysed". */
export function toCount(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

export function formatBytes(value: number | string): string {
  const n = Number(value)
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} kB`
  return `${(n / 1048576).toFixed(1)} MB`
}
