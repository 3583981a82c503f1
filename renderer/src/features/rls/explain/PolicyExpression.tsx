// features/rls/explain/PolicyExpression.tsx — a policy's USING or WITH CHECK expression, one top-level AND/OR part
// per line. With results (one row's), each part carries its value and the parts that made the policy fail are
// marked, which is how the simulator points at the clause responsible.
import type { ReactElement } from 'react'
import type { ClauseSplit } from '../../../../../contract/rls-simulator'
import { expressionLines } from '../common/format-sql'
import { ResultChip } from '../common/ResultChip'
import { failingParts, type EvaluatedExpression } from './failing-parts'

interface Props {
  label: 'USING' | 'WITH CHECK'
  expr: string
  split: ClauseSplit | null
  /** One row's evaluation of this expression. */
  result?: EvaluatedExpression
}

export function PolicyExpression({ label, expr, split, result }: Props): ReactElement {
  const lines = result?.clauses ? result.clauses.map((c, i) => ({ op: i === 0 ? ('' as const) : (result.op ?? 'AND'), text: c.text, part: i })) : expressionLines(expr, split)
  const failing = failingParts(result)
  const whole = result && !result.clauses
  return (
    <div className={`rls-expr${whole && result.value !== true ? ' rls-expr--failing' : ''}`}>
      <div className="rls-expr__head">
        <span className="rls-expr__label">{label}</span>
        {result && <ResultChip value={result.value} error={result.error} />}
      </div>
      <ol className="rls-expr__lines">
        {lines.map((line) => {
          const clause = result?.clauses?.[line.part]
          const bad = failing.has(line.part)
          return (
            <li key={line.part} className={`rls-expr__line${bad ? ' rls-expr__line--failing' : ''}`} data-failing={bad || undefined}>
              {line.op && <span className="rls-expr__op">{line.op}</span>}
              <code className="rls-expr__code">{line.text}</code>
              {clause && <ResultChip value={clause.result} error={clause.error} />}
              {bad && <span className="rls-expr__blame">{result?.op === 'OR' ? 'no OR part holds' : 'fails here'}</span>}
            </li>
          )
        })}
      </ol>
      {result?.error && <p className="ui-error">{result.error}</p>}
    </div>
  )
}
