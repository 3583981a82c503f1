// electron/main/cli-options.ts — reads the runtime flags the desktop app shares with the headless CLI
// (--data-dir, --port, --database-url) from Electron's argv. Chromium switches pass through unread.
import { parseArgs } from 'node:util'
import type { StudioRuntimeOptions } from '../server/runtime'

export type DesktopRuntimeOptions = Pick<StudioRuntimeOptions, 'dataDir' | 'port' | 'databaseUrl'>

/** `argv` is the user's arguments only (no executable, no app path). Throws on a malformed --port. */
export function parseCliOptions(argv: readonly string[]): DesktopRuntimeOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'database-url': { type: 'string' },
    },
    // Electron and Chromium add their own switches (--no-sandbox, --enable-logging, …).
    strict: false,
    allowPositionals: true,
  })
  const options: DesktopRuntimeOptions = {}
  if (typeof values['data-dir'] === 'string') options.dataDir = values['data-dir']
  if (typeof values['database-url'] === 'string') options.databaseUrl = values['database-url']
  if (typeof values.port === 'string') {
    const port = Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port must be an integer between 0 and 65535, got "${values.port}"`)
    }
    options.port = port
  }
  return options
}
