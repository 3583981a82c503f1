// renderer/src/api/studio-token.ts — learns the studio token, which every /studio/api call needs.
// Desktop app: from the preload bridge. Browser: once from the URL's `#token=…` (then kept in
// sessionStorage and wiped from the address bar, so it is not bookmarked, shared or screenshotted).
import type { StudioBridge } from '../../../contract/studio-bridge'

const STORAGE_KEY = 'fluxbase-studio.token'

/** The preload's `window.studio`: present inside the desktop app, absent in a plain browser. */
function hostBridge(): StudioBridge | undefined {
  return (window as Window & { studio?: StudioBridge }).studio
}

/** The token in a location hash such as `#token=abc` or `#view=x&token=abc`, if any. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const token = params.get('token')?.trim()
  return token ? token : null
}

/** The same hash without its token parameter ('' when nothing else was in it). */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  params.delete('token')
  const rest = params.toString()
  return rest ? `#${rest}` : ''
}

/** Takes a token out of the address bar into sessionStorage; returns it, or null when the hash had none. */
function adoptTokenFromLocation(): string | null {
  const token = tokenFromHash(window.location.hash)
  if (!token) return null
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token)
  } catch {
    // Storage disabled: the token still works for this page load, just not after a reload.
  }
  const { pathname, search, hash } = window.location
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hashWithoutToken(hash)}`)
  return token
}

function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

/** The current token: the desktop app's, else a fresh one in the URL, else the one this tab kept. */
export async function resolveStudioToken(): Promise<string | null> {
  const bridge = hostBridge()
  if (bridge) return (await bridge.config()).token
  return adoptTokenFromLocation() ?? storedToken()
}

/**
 * Feeds `onToken` the token now, and again whenever a newer one arrives: a new studio URL pasted
 * into this tab (after a runtime restart) only changes the hash, so the page does not reload.
 * Returns a function that stops listening.
 */
export function watchStudioToken(onToken: (token: string | null) => void): () => void {
  resolveStudioToken().then(onToken, () => onToken(null))
  const onHashChange = (): void => {
    const token = adoptTokenFromLocation()
    if (token) onToken(token)
  }
  window.addEventListener('hashchange', onHashChange)
  return () => window.removeEventListener('hashchange', onHashChange)
}

/**
 * After a 401: the desktop app can hand out the running runtime's current token; a browser tab
 * has no other source, so it gets null and the page asks the user for the new URL.
 */
export async function refreshStudioToken(): Promise<string | null> {
  const bridge = hostBridge()
  if (!bridge) return null
  try {
    return (await bridge.config()).token
  } catch {
    return null
  }
}
