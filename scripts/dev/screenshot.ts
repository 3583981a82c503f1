// scripts/dev/screenshot.ts — a developer's look at the studio: starts a headless runtime, opens a view in
// headless Chromium and saves a screenshot (npx tsx scripts/dev/screenshot.ts <view> <out.png> [dark]).
import { launchBrowser } from '../../test/e2e/helpers/browser.js'
import { startHeadlessRuntime } from '../../test/e2e/helpers/headless-runtime.js'

const [view = 'overview', out = 'test/e2e/screenshots/dev.png', scheme = 'light'] = process.argv.slice(2)
const runtime = await startHeadlessRuntime()
const browser = await launchBrowser({ colorScheme: scheme === 'dark' ? 'dark' : 'light' })
try {
  const page = await browser.newPage()
  await page.addInitScript((v) => localStorage.setItem('fluxbase-studio.view', JSON.stringify({ view: v, viewParams: {} })), view)
  await page.goto(runtime.ready.studioUrl)
  await page.waitForTimeout(2500)
  await page.screenshot({ path: out })
  console.log(`saved ${out}`)
} finally {
  await browser.close()
  await runtime.stop()
}
