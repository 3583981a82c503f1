// realtime/lsn.ts — PostgreSQL WAL positions ("16/B374D848") as bigints, so the capture stream can compare,
// confirm and turn them into sortable event ids without string tricks.
export type Lsn = bigint

export function parseLsn(text: string | null | undefined): Lsn {
  if (!text) return 0n
  const [hi, lo] = text.split('/')
  return (BigInt(`0x${hi || '0'}`) << 32n) | BigInt(`0x${lo || '0'}`)
}

export function formatLsn(lsn: Lsn): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`
}

/** Fixed width, so that string order is WAL order (event ids, SSE Last-Event-ID). */
export function lsnKey(lsn: Lsn): string {
  return lsn.toString(16).toUpperCase().padStart(16, '0')
}
