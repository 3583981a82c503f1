// renderer/src/App.tsx — the studio's root: starts the token and status wiring once, shows the page.
import type { ReactElement } from 'react'
import { StatusPage } from './features/status/StatusPage'
import { useStatusPolling, useStudioToken } from './features/status/use-status-polling'

export function App(): ReactElement {
  useStudioToken()
  useStatusPolling()
  return <StatusPage />
}
