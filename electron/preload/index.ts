// electron/preload/index.ts — the bridge between the sandboxed renderer and the main process:
// exposes `window.studio`, one function per native action, and nothing else (no ipcRenderer).
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_CHANNELS, type StudioBridge, type StudioHostConfig } from '../../contract/studio-bridge'

const bridge: StudioBridge = {
  config: () => ipcRenderer.invoke(IPC_CHANNELS.config) as Promise<StudioHostConfig>,
  openExternal: async (url: string) => {
    // Pass only a string across: the main process validates the URL again anyway.
    await ipcRenderer.invoke(IPC_CHANNELS.openExternal, String(url))
  },
}

contextBridge.exposeInMainWorld('studio', bridge)
