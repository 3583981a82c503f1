// features/rls/common/ResultChip.tsx — one policy (or clause) result for one row: true, false, NULL or error.
// NULL is shown apart from false, and says it counts as a deny.
import type { ReactElement } from 'react'
import type { TriResult } from '../../../../../contract/rls-simulator'

const TEXT: Record<string, string> = { true: 'true', false: 'false', null: 'NULL', error: 'error' }
const TITLE: Record<string, string> = {
  true: 'The expression is true for this row',
  false: 'The expression is false for this row',
  null: 'The expression is NULL for this row: RLS treats NULL as false (deny)',
  error: 'Evaluating the expression raised an error for this identity',
}

// Kit tag tones; an error is red like false but outlined (rls.css), so it is not read as a plain deny.
const TONE: Record<string, string> = { true: 'ok', false: 'danger', null: 'warn', error: 'danger' }

export function ResultChip({ value, error }: { value: TriResult; error?: string }): ReactElement {
  const key = String(value)
  return (
    <span className={`ui-tag ui-tag--${TONE[key]} rls-result`} title={error ? `${TITLE[key]}: ${error}` : TITLE[key]} data-result={key}>
      {TEXT[key]}
    </span>
  )
}
