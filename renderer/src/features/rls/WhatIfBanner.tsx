// features/rls/WhatIfBanner.tsx — while a policy change is being tried, every tab says so: what is tried, that it
// is not committed, and the ways out (edit it, stop trying).
import { Button } from '../../components/ui'
import type { ReactElement } from 'react'
import { useStudioStore } from '../../store'

export function WhatIfBanner(): ReactElement | null {
  const whatIf = useStudioStore((s) => s.rlsWhatIf)
  const setWhatIf = useStudioStore((s) => s.setRlsWhatIf)
  const setTab = useStudioStore((s) => s.setRlsTab)
  if (!whatIf) return null
  const first = whatIf.trim().split('\n')[0]
  return (
    <div className="rls-whatif" role="status" data-testid="what-if-banner">
      <span className="rls-whatif__badge">What-if</span>
      <span className="rls-whatif__text">
        Trying <code>{first.length > 90 ? `${first.slice(0, 90)}…` : first}</code> — not committed: every explanation, dry run and comparison runs with it, then rolls it back.
      </span>
      <Button variant="ghost" size="sm" onClick={() => setTab('policies')}>
        Edit or apply
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setWhatIf(null)}>
        Stop trying
      </Button>
    </div>
  )
}
