// features/tables/ui/ErrorNote.tsx — a server error where the action was taken: PostgreSQL's (or the API's) own
// message, then its details and hint on their own lines, and the error code, so nothing is lost or paraphrased.
import type { ReactElement } from 'react'
import { ApiCallError } from '../../../api/studio-api'

export interface ErrorWords {
  message: string
  details?: string
  hint?: string
  code?: string
}

export function errorWords(error: unknown): ErrorWords {
  if (error instanceof ApiCallError) {
    const b = error.body
    return { message: b.error ?? b.message ?? error.message, details: b.details, hint: b.hint, code: b.code ?? (error.status ? `HTTP ${error.status}` : undefined) }
  }
  if (error instanceof Error) return { message: error.message }
  return { message: String(error) }
}

export function ErrorNote({ error, title, onRetry, compact = false }: { error: unknown; title?: string; onRetry?: () => void; compact?: boolean }): ReactElement {
  const w = errorWords(error)
  return (
    <div className={`tb-error${compact ? ' tb-error--compact' : ''}`} role="alert">
      {title && <strong className="tb-error__title">{title}</strong>}
      <span className="tb-error__message">{w.message}</span>
      {w.details && <span className="tb-error__details">{w.details}</span>}
      {w.hint && (
        <span className="tb-error__hint">
          <b>Hint:</b> {w.hint}
        </span>
      )}
      {(w.code || onRetry) && (
        <span className="tb-error__foot">
          {w.code && <code>{w.code}</code>}
          {onRetry && (
            <button type="button" className="tb-btn tb-btn--small" onClick={onRetry}>
              Try again
            </button>
          )}
        </span>
      )}
    </div>
  )
}
