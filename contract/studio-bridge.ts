// contract/studio-bridge.ts — what the Electron preload exposes as `window.studio`, and the IPC
// channel names behind it. Shared by electron/preload, electron/main and the renderer; types and
// constants only, so the renderer may import it without pulling in Electron.

/** What the renderer cannot learn by itself when it runs inside the desktop app. */
export interface StudioHostConfig {
  /** The studio page URL (without the token). */
  studioUrl: string
  /** Bearer token for /studio/api/*, fresh at every runtime start. */
  token: string
  /** The desktop app's version. */
  version: string
}

export interface StudioBridge {
  config(): Promise<StudioHostConfig>
  /** Opens an http(s) or mailto URL in the user's default browser or mail client. */
  openExternal(url: string): Promise<void>
}

export const IPC_CHANNELS = {
  config: 'studio/config',
  openExternal: 'shell/open-external',
} as const
