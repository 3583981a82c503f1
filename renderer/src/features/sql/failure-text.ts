// features/sql/failure-text.ts — words for a call that failed before PostgreSQL could answer (the runtime
// restarting, the identity's token refused, a request the server rejected), for printing in the console.
import { ApiCallError, StudioApiError } from '../../api/studio-api'

export function describeFailure(err: unknown): string {
  if (err instanceof ApiCallError && err.status === 401 && err.body.code !== undefined && /token|jwt/i.test(err.message)) {
    return `${err.message} — the identity's token was refused; choose the identity again (status bar) or switch back to service_role`
  }
  if (err instanceof StudioApiError) return err.message
  if (err instanceof Error) return err.message
  return String(err)
}
