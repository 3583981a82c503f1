// features/rls/common/SqlBlock.tsx — SQL shown for reading and copying (a fix, a policy expression, a statement
// to apply), in the monospace block every simulator panel uses.
import type { ReactElement } from 'react'
import { CopyButton } from '../../../components/CopyButton'

export function SqlBlock({ sql, label = 'SQL', copy = true }: { sql: string; label?: string; copy?: boolean }): ReactElement {
  return (
    <div className="rls-sql">
      <pre className="rls-sql__code">
        <code>{sql}</code>
      </pre>
      {copy && (
        <span className="rls-sql__copy">
          <CopyButton value={sql} label={label} />
        </span>
      )}
    </div>
  )
}
