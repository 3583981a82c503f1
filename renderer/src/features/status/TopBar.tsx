// renderer/src/features/status/TopBar.tsx — the header: product mark, version, connection state.
import type { ReactElement } from 'react'
import { LogoMark } from '../../components/Icon'
import { useStudioStore } from '../../store'
import { ConnectionPill } from './ConnectionPill'

export function TopBar(): ReactElement {
  const version = useStudioStore((s) => s.status?.version)
  return (
    <header className="topbar">
      <div className="topbar__inner">
        <div className="brand">
          <LogoMark />
          <span className="brand__name">Fluxbase Studio</span>
          {version && <span className="brand__version">v{version}</span>}
        </div>
        <ConnectionPill />
      </div>
    </header>
  )
}
