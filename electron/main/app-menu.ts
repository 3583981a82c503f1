// electron/main/app-menu.ts — the native menu bar: the platform's standard File/Edit/View/Window
// roles, plus the few studio actions that make sense outside the page (open in a browser, data folder).
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  /** The studio URL including its token, so the browser tab can authenticate. */
  studioUrlWithToken(): string | undefined
  dataDir(): string | undefined
}

export function installAppMenu(actions: MenuActions): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'Open Studio in Browser',
          click: () => openIfSet(actions.studioUrlWithToken(), (url) => shell.openExternal(url)),
        },
        {
          label: 'Show Data Folder',
          click: () => openIfSet(actions.dataDir(), (dir) => shell.openPath(dir)),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: `About ${app.getName()} ${app.getVersion()}`, role: 'about' }],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function openIfSet(target: string | undefined, open: (target: string) => Promise<unknown>): void {
  if (!target) return
  open(target).catch((error: unknown) => console.warn(`Could not open ${target}: ${(error as Error).message}`))
}
