// electron/main/ipc-handlers.ts — answers the preload's two calls. Every call is checked against
// the sender first: only the studio's own top-level page may ask for the token or open links.
import { ipcMain, shell, type IpcMainInvokeEvent } from 'electron'
import { IPC_CHANNELS, type StudioHostConfig } from '../../contract/studio-bridge'
import { isSafeExternalUrl } from './external-url'
import { isStudioUrl } from './studio-origin'

export interface IpcContext {
  /** undefined until the runtime is up; calls before then are refused. */
  hostConfig(): StudioHostConfig | undefined
  studioOrigin(): string | undefined
}

export function registerIpcHandlers(context: IpcContext): void {
  ipcMain.handle(IPC_CHANNELS.config, (event) => {
    assertStudioSender(event, context)
    const config = context.hostConfig()
    if (!config) throw new Error('The studio runtime is not running')
    return config
  })
  ipcMain.handle(IPC_CHANNELS.openExternal, async (event, url: unknown) => {
    assertStudioSender(event, context)
    if (!isSafeExternalUrl(url)) throw new Error('Only http, https and mailto links can be opened')
    await shell.openExternal(url)
  })
}

function assertStudioSender(event: IpcMainInvokeEvent, context: IpcContext): void {
  const origin = context.studioOrigin()
  const frame = event.senderFrame
  // The frame is null when it navigated away or was destroyed while the message was in flight.
  const trusted = origin !== undefined && frame !== null && frame.parent === null && isStudioUrl(frame.url, origin)
  if (!trusted) throw new Error('IPC refused: sender is not the studio')
}
