// features/rls/dry-run/user-values.ts — writes a user's id into one column of the dry-run's values JSON (an object,
// or every row of an array). Text that does not parse is returned unchanged (the field already says why). Pure.

export function withUserId(text: string, column: string, userId: string): string {
  let value: unknown
  try {
    value = JSON.parse(text || '{}')
  } catch {
    return text
  }
  const set = (row: unknown) => (row && typeof row === 'object' && !Array.isArray(row) ? { ...(row as Record<string, unknown>), [column]: userId } : row)
  const next = Array.isArray(value) ? value.map(set) : set(value)
  return JSON.stringify(next, null, 2)
}
