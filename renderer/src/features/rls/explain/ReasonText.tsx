// features/rls/explain/ReasonText.tsx — the simulator's sentence for why a row is hidden (or allowed), with the
// clauses it quotes (`…`) set as code, so the failing part of a policy stands out in the line.
import type { ReactElement } from 'react'

export function ReasonText({ text }: { text: string }): ReactElement {
  // The verdict is already on screen (badge, greyed row): the sentence starts with the why.
  const parts = text.replace(/^hidden: /, '').split('`')
  return (
    <span className="rls-reason">
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rls-reason__clause">
            {p}
          </code>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </span>
  )
}
