// features/sql/prompt.ts — psql's prompt for who the console runs as: `postgres=#` for the superuser, the
// identity's name and `=>` otherwise, with `-#`, `(#`, `'#`… on continuation lines. Pure.
import type { OpenState } from './sql-scan'

export interface PromptOwner {
  /** The database name (superuser) or the identity's label. */
  name: string
  superuser: boolean
}

export function promptText(owner: PromptOwner, mark: '=' | OpenState): string {
  return `${owner.name}${mark}${owner.superuser ? '#' : '>'} `
}

/** The database a postgres:// URL names, or "postgres". */
export function databaseName(databaseUrl: string | undefined): string {
  if (!databaseUrl) return 'postgres'
  try {
    return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, '')) || 'postgres'
  } catch {
    return 'postgres'
  }
}
