// renderer/src/shell/StatusBar.tsx — always in view: database up/down, the API URL (click to copy), PostgreSQL
// version, the identity the studio acts as (coloured unless service_role; click to change it), and the runtime's memory.
import type { ReactElement } from 'react'
import { useStudioStore } from '../store'
import { copyText } from '../api/clipboard'
import { IdentityPicker } from '../features/rls/identity/IdentityPicker'

function mb(bytes: number | undefined): string {
  return bytes ? `${Math.round(bytes / 1048576)} MB` : '—'
}

export function StatusBar(): ReactElement {
  const phase = useStudioStore((s) => s.phase)
  const database = useStudioStore((s) => s.status?.database)
  const apiUrl = useStudioStore((s) => s.status?.apiUrl)
  const version = useStudioStore((s) => s.status?.postgresVersion)
  const memory = useStudioStore((s) => (s.status as { memoryRssBytes?: number } | null)?.memoryRssBytes)
  const up = phase === 'online' && database === 'up'
  return (
    <footer className="statusbar" role="status">
      <span className={`statusbar__db statusbar__db--${up ? 'up' : 'down'}`}>
        <span className="statusbar__dot" aria-hidden="true" />
        {up ? 'Database up' : phase === 'online' ? 'Database down' : 'Reconnecting…'}
      </span>
      {apiUrl && (
        <button type="button" className="statusbar__item statusbar__link" title="Copy the API URL" onClick={() => void copyText(apiUrl)}>
          API {apiUrl}
        </button>
      )}
      {version && <span className="statusbar__item">PostgreSQL {version}</span>}
      <span className="statusbar__spacer" />
      <IdentityPicker />
      <span className="statusbar__item">{mb(memory)}</span>
    </footer>
  )
}
