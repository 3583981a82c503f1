// renderer/src/App.tsx — the studio's root: starts the token and status wiring once, shows the shell.
import type { ReactElement } from 'react'
import { Shell } from './shell/Shell'
import { useStatusPolling, useStudioToken } from './features/status/use-status-polling'

export function App(): ReactElement {
  useStudioToken()
  useStatusPolling()
  return <Shell />
}
