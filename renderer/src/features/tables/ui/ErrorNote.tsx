// features/tables/ui/ErrorNote.tsx — a server error where the action was taken, as the kit's InlineError:
// PostgreSQL's (or the API's) own message, then its details and hint, and the error code, so nothing is lost or
// paraphrased.
import type { ReactElement } from 'react'
import { ApiCallError } from '../../../api/studio-api'
import { Button, InlineError } from '../../../components/ui'

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

export function ErrorNote({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void; compact?: boolean }): ReactElement {
  const w = errorWords(error)
  return (
    <InlineError
      title={title}
      code={w.code}
      message={w.details ? `${w.message} — ${w.details}` : w.message}
      hint={w.hint ? `Hint: ${w.hint}` : undefined}
      action={
        onRetry && (
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        )
      }
    />
  )
}
