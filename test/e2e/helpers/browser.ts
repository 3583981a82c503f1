// test/e2e/helpers/browser.ts — headless Chromium for the e2e tests: Debian's /usr/bin/chromium
// driven by playwright-core, with a fresh throw-away profile per launch and no background traffic
// (the test machine reaches nothing but localhost and the npm registry).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark'
  viewport?: { width: number; height: number }
}

export interface TestBrowser {
  context: BrowserContext
  newPage(): Promise<Page>
  /** Closes Chromium and deletes its profile directory. */
  close(): Promise<void>
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`)
  }
  // A persistent context is how Playwright takes a --user-data-dir; a new temporary one each time
  // keeps runs independent of each other and of anyone's real profile.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-e2e-chromium-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_FLAGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      colorScheme: options.colorScheme ?? 'light',
      // Copy buttons are tested by reading the clipboard back.
      permissions: ['clipboard-read', 'clipboard-write'],
      timeout: 60_000,
    })
  } catch (error) {
    fs.rmSync(userDataDir, { recursive: true, force: true })
    throw error
  }
  context.setDefaultTimeout(15_000)
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close().catch(() => undefined)
      fs.rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
