// rest/response/content-range.ts — the Content-Range header of reads and writes (contract §1.5): `start-end/total`,
// `*/total` when no rows, `*` as total when none was counted. The SDK parses only /(\d+)$/.
export function readContentRange(offset: number, n: number, total: number | undefined): string {
  const t = total === undefined ? '*' : String(total)
  return n > 0 ? `${offset}-${offset + n - 1}/${t}` : `*/${t}`
}

export function writeContentRange(affected: number): string {
  return `*/${affected}`
}
