// features/rls/common/ValuesInPlay.tsx — one line under a policy expression: the row's values and the identity's
// settings it compares (see values-in-play.ts).
import type { ReactElement } from 'react'
import { valuesInPlay, type IdentityFacts } from './values-in-play'

export function ValuesInPlay({ expr, row, identity }: { expr: string; row: Record<string, unknown>; identity: IdentityFacts }): ReactElement | null {
  const values = valuesInPlay(expr, row, identity)
  if (!values.length) return null
  return (
    <p className="rls-values" data-testid="values-in-play">
      <span className="rls-values__label">Values here:</span>
      {values.map((v) => (
        <span key={v.name} className="rls-values__item">
          <code className="rls-values__name">{v.name}</code> = <code className="rls-values__value">{v.value}</code>
        </span>
      ))}
    </p>
  )
}
