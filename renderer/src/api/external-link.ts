// renderer/src/api/external-link.ts — opens a link outside the studio. In a browser a target=_blank link does it by
// itself; the desktop window refuses new windows (and keeps same-origin links such as the runtime's own
// /api/v1/auth/verify for itself), so there the preload's openExternal hands the link to the OS browser.
import type { StudioBridge } from '../../../contract/studio-bridge'

function bridge(): StudioBridge | undefined {
  return (window as Window & { studio?: StudioBridge }).studio
}

/** For a link's onClick: in the desktop app, opens `url` in the OS browser instead (rejects with the reason). */
export function openOutside(event: { preventDefault(): void }, url: string): Promise<void> {
  const host = bridge()
  if (!host) return Promise.resolve()
  event.preventDefault()
  return host.openExternal(url)
}
