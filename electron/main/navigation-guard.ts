// electron/main/navigation-guard.ts — keeps the window on the studio: in-page navigation and
// redirects elsewhere are cancelled, new windows are refused, and web links go to the OS browser.
import { shell, type WebContents } from 'electron'
import { isSafeExternalUrl } from './external-url'
import { isStudioUrl } from './studio-origin'

export function lockNavigation(contents: WebContents, studioOrigin: string): void {
  const keepOnStudio = (event: { preventDefault(): void }, url: string): void => {
    if (isStudioUrl(url, studioOrigin)) return
    event.preventDefault()
    openOutside(url)
  }
  contents.on('will-navigate', (event) => keepOnStudio(event, event.url))
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isStudioUrl(event.url, studioOrigin)) event.preventDefault()
  })
  // A same-origin page could still answer with a redirect to somewhere else.
  contents.on('will-redirect', (event) => {
    if (!isStudioUrl(event.url, studioOrigin)) event.preventDefault()
  })
  // One window only: target=_blank links and window.open() never create a BrowserWindow.
  contents.setWindowOpenHandler(({ url }) => {
    if (!isStudioUrl(url, studioOrigin)) openOutside(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

function openOutside(url: string): void {
  if (!isSafeExternalUrl(url)) return
  shell.openExternal(url).catch((error: unknown) => {
    console.warn(`Could not open ${url}: ${(error as Error).message}`)
  })
}
