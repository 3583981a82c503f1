// electron/main/index.ts — the desktop host's entry: one instance per user, the studio runtime
// in-process, and one window on the page the runtime serves. Everything else is in sibling modules.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, session } from 'electron'
import type { StudioHostConfig } from '../../contract/studio-bridge'
import { createStudioRuntime, type RuntimeInfo } from '../server/runtime'
import { installAppMenu } from './app-menu'
import { parseCliOptions } from './cli-options'
import { registerIpcHandlers } from './ipc-handlers'
import { createMainWindow, focusWindow } from './main-window'
import { manageRuntime } from './runtime-lifecycle'
import { applySessionPolicy } from './session-policy'
import { originOf, withoutHash } from './studio-origin'

// Paths relative to the built out/main/index.js (inside app.asar once packaged).
const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
const RENDERER_DIR = fileURLToPath(new URL('../renderer', import.meta.url))

let info: RuntimeInfo | undefined
let studioOrigin: string | undefined
let mainWindow: BrowserWindow | undefined

if (!app.requestSingleInstanceLock()) {
  // The first instance owns the runtime and its data directory; it focuses itself on 'second-instance'.
  app.exit(0)
} else {
  app.enableSandbox()
  void launch()
}

async function launch(): Promise<void> {
  let options
  try {
    options = parseCliOptions(process.argv.slice(app.isPackaged ? 1 : 2))
  } catch (error) {
    // A bad flag on the command line: say so where it was typed, no dialog.
    console.error(`Fluxbase Studio: ${(error as Error).message}`)
    return app.exit(2)
  }
  const runtime = manageRuntime(createStudioRuntime({ ...options, studioDistDir: RENDERER_DIR }))

  registerIpcHandlers({ hostConfig, studioOrigin: () => studioOrigin })
  app.on('second-instance', () => (mainWindow && !mainWindow.isDestroyed() ? focusWindow(mainWindow) : openWindow()))
  app.on('window-all-closed', () => {
    // macOS keeps apps (and here the API) running without windows until Cmd+Q.
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })

  try {
    const [started] = await Promise.all([runtime.start(), app.whenReady()])
    info = started
    studioOrigin = originOf(started.studioUrl)
    if (!studioOrigin) throw new Error(`The runtime reported an unusable studio URL: ${started.studioUrl}`)
    applySessionPolicy(session.defaultSession, studioOrigin)
    installAppMenu({ studioUrlWithToken: () => info?.studioUrl, dataDir: () => info?.dataDir })
    openWindow()
  } catch (error) {
    await fail(error)
  }
}

function openWindow(): void {
  if (!info || !studioOrigin) return
  mainWindow = createMainWindow({
    pageUrl: withoutHash(info.studioUrl),
    studioOrigin,
    preloadPath: PRELOAD_PATH,
    stateFile: join(app.getPath('userData'), 'window-state.json'),
  })
}

function hostConfig(): StudioHostConfig | undefined {
  if (!info) return undefined
  return { studioUrl: withoutHash(info.studioUrl), token: info.studioToken, version: app.getVersion() }
}

async function fail(error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`Fluxbase Studio could not start: ${message}`)
  await app.whenReady()
  dialog.showErrorBox('Fluxbase Studio could not start', message)
  // app.quit() runs will-quit, which stops whatever part of the runtime did start.
  process.exitCode = 1
  app.quit()
}
