// test/e2e/helpers/browser.ts — headless Chromium for the e2e tests, driven by playwright-core, with a fresh
// throw-away profile per launch and no background traffic (the test machine reaches nothing but localhost and the
// npm registry). The browser is the machine's own when it has one (CHROMIUM_PATH, else /usr/bin/chromium), otherwise
// the one @sparticuz/chromium carries inside its npm tarball (unpacked to the temp folder on first use), so
// `npm install && npm test` needs nothing from apt.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/** Flags of @sparticuz/chromium's that weaken the page's security model: the tests must see what a user's browser does. */
const UNSAFE_NPM_FLAGS = new Set(['--disable-web-security', '--allow-running-insecure-content'])

interface ResolvedChromium {
  executablePath: string
  /** Extra flags the build needs (the npm build is a headless shell for small containers). */
  args: string[]
}

let resolved: Promise<ResolvedChromium> | undefined

/** Where the e2e tests' Chromium is, decided once per process. */
export function resolveChromium(): Promise<ResolvedChromium> {
  resolved ??= (async () => {
    const fromEnv = process.env.CHROMIUM_PATH
    if (fromEnv) {
      if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist`)
      return { executablePath: fromEnv, args: [] }
    }
    if (fs.existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: [] }
    const npmChromium = (await import('@sparticuz/chromium')).default
    const executablePath = await npmChromium.executablePath()
    return { executablePath, args: npmChromium.args.filter((flag) => !UNSAFE_NPM_FLAGS.has(flag) && !flag.startsWith('--headless')) }
  })()
  return resolved
}

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
  const browser = await resolveChromium()
  // A persistent context is how Playwright takes a --user-data-dir; a new temporary one each time
  // keeps runs independent of each other and of anyone's real profile.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-e2e-chromium-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: browser.executablePath,
      headless: true,
      chromiumSandbox: false,
      args: [...new Set([...browser.args, ...CHROMIUM_FLAGS])],
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
