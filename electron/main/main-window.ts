// electron/main/main-window.ts — builds the app's one BrowserWindow on the studio page: locked-down
// web preferences, remembered bounds, navigation kept on the studio origin.
import { BrowserWindow, nativeTheme } from 'electron'
import { lockNavigation } from './navigation-guard'
import { loadWindowState, trackWindowState, WINDOW_MIN_SIZE } from './window-state'

export interface MainWindowOptions {
  /** The studio page, without its token. */
  pageUrl: string
  studioOrigin: string
  preloadPath: string
  stateFile: string
}

// The page's own background colours (renderer/src/styles), shown before the first paint.
const BACKGROUND = { dark: '#0f1115', light: '#f6f7f9' } as const

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = loadWindowState(options.stateFile)
  const window = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: WINDOW_MIN_SIZE.width,
    minHeight: WINDOW_MIN_SIZE.height,
    title: 'Fluxbase Studio',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
    },
  })
  trackWindowState(window, options.stateFile)
  lockNavigation(window.webContents, options.studioOrigin)

  // Showing only once painted avoids a blank flash while the page loads. maximize() shows the
  // window by itself, so it waits for the same moment.
  window.once('ready-to-show', () => (state.maximized ? window.maximize() : window.show()))
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame) console.error(`Could not load the studio page ${url}: ${description} (${code})`)
  })
  void window.loadURL(options.pageUrl)
  return window
}

/** Brings an existing window to the front, e.g. when the user launches the app a second time. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
