// test/e2e/status-page.e2e.ts — the studio's status cards (Overview view) in headless Chromium
// against a real headless runtime: they show the runtime's facts, the token leaves the URL, values
// copy, and the page rides out a runtime restart. Screenshots land in test/e2e/screenshots/.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { screenshotAtSizes } from './helpers/screenshots'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')

describe('status page', () => {
  let dataDir: string
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-e2e-status-'))
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime({ dataDir }), launchBrowser()])
    page = await browser.newPage()
  })

  afterAll(async () => {
    try {
      await browser?.close()
      await runtime?.stop()
    } finally {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('shows the API URL, keys and PostgreSQL version, and takes the token out of the URL', async () => {
    const { studioUrl, apiUrl, anonKey } = runtime.ready
    // Anything the page logs as an error (a CSP violation, a failed asset, an exception) fails the test.
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })
    await page.goto(studioUrl)
    await connected(page)

    expect(await page.getByTestId('credential-api-url').locator('code').textContent()).toBe(apiUrl)
    expect(await page.getByTestId('postgres-version-value').textContent()).toMatch(/^\d+(\.\d+)?/)
    // Keys are shortened until revealed.
    const anonShown = await page.getByTestId('credential-anon-key').locator('code').textContent()
    expect(anonShown).not.toBe(anonKey)
    expect(anonShown).toContain('…')

    // The token left the address bar (and so history and bookmarks) but the tab kept it.
    expect(new URL(page.url()).hash).toBe('')
    expect(page.url()).not.toContain('token')
    expect(await page.evaluate(() => sessionStorage.getItem('fluxbase-studio.token'))).toBe(new URL(studioUrl).hash.slice('#token='.length))

    await page.screenshot({ path: path.join(SCREENSHOTS, 'status.png'), fullPage: true })
    expect(pageErrors).toEqual([])
    page.removeAllListeners('pageerror')
    page.removeAllListeners('console')
  })

  it('copies values with the copy buttons and reveals keys on demand', async () => {
    const copyApiUrl = page.getByRole('button', { name: 'Copy API URL' })
    await copyApiUrl.click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(runtime.ready.apiUrl)
    expect(await copyApiUrl.getAttribute('data-state')).toBe('copied')

    // Copy gives the full key even while the display is shortened.
    await page.getByRole('button', { name: 'Copy Service-role key' }).click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(runtime.ready.serviceRoleKey)

    await page.getByRole('button', { name: 'Reveal Anon key' }).click()
    expect(await page.getByTestId('credential-anon-key').locator('code').textContent()).toBe(runtime.ready.anonKey)
  })

  it('keeps working after a reload, from the token the tab kept', async () => {
    await page.reload()
    await connected(page)
    expect(await page.getByTestId('credential-api-url').locator('code').textContent()).toBe(runtime.ready.apiUrl)
  })

  it('shows the SDK call, a curl line and a .env block with the headers the API expects, wrapped, not cut', async () => {
    const { apiUrl, anonKey } = runtime.ready
    const snippet = page.getByTestId('client-snippet')
    const text = (await snippet.textContent()) ?? ''
    expect(text).toContain(`curl '${apiUrl}/api/v1/tables/`)
    expect(text).toContain(`-H 'apikey: ${anonKey}'`)
    expect(text).toContain(`-H 'Authorization: Bearer ${anonKey}'`)
    expect(text).toContain(`FLUXBASE_ANON_KEY=${anonKey}`)
    // Wrapped: no code block scrolls sideways, at either size.
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: width === 1440 ? 900 : 700 })
      const cut = await snippet.locator('pre').evaluateAll((pres) => pres.filter((pre) => pre.scrollWidth > pre.clientWidth + 1).length)
      expect(cut).toBe(0)
    }
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  it('collapses the sidebar to its icons at 1024×700, and the toggle keeps the choice', async () => {
    await page.setViewportSize({ width: 1024, height: 700 })
    const sidebar = page.getByRole('navigation', { name: 'Studio sections' })
    await expect.poll(() => sidebar.getAttribute('data-collapsed')).toBe('true')
    // Collapsed, each section still has its name.
    await sidebar.getByRole('button', { name: 'Logs' }).waitFor()
    expect((await sidebar.boundingBox())!.width).toBeLessThan(80)
    await screenshotAtSizes(page, 'status-overview')
    await sidebar.getByRole('button', { name: 'Expand the sidebar' }).click()
    expect(await sidebar.getAttribute('data-collapsed')).toBeNull()
    await sidebar.getByRole('button', { name: 'Collapse the sidebar' }).click()
    expect(await sidebar.getAttribute('data-collapsed')).toBe('true')
    await page.evaluate(() => localStorage.removeItem('fluxbase-studio.sidebar-collapsed'))
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  it('finds views, tables and users from the palette, and gives focus back when it closes', async () => {
    const studio = (p: string, body: unknown) =>
      fetch(`${new URL(runtime.ready.studioUrl).origin}${p}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${new URL(runtime.ready.studioUrl).hash.slice('#token='.length)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const db = new pg.Client({ connectionString: runtime.ready.databaseUrl })
    await db.connect()
    await db.query('CREATE TABLE palette_pets (id int PRIMARY KEY)')
    await db.end()
    expect((await studio('/studio/api/auth/users', { email: 'palette-user@acme.test', password: 'correct horse battery' })).ok).toBe(true)
    await page.reload()
    await connected(page)
    const opener = page.getByRole('button', { name: /^Overview/ })
    await opener.focus()
    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog', { name: 'Command palette' })
    await palette.waitFor()
    const input = palette.getByRole('combobox')
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true)
    await input.fill('palette_p')
    await palette.getByRole('option', { name: /palette_pets/ }).waitFor()
    await input.fill('palette-user')
    await palette.getByRole('option', { name: /palette-user@acme\.test/ }).waitFor({ timeout: 10_000 })
    await expectNoSeriousA11yViolations(page, 'command palette, light')
    await screenshotAtSizes(page, 'palette-search', { fullPage: false })
    await input.fill('storage')
    await palette.getByRole('option', { name: /Go to Storage/ }).waitFor()
    await page.keyboard.press('Escape')
    await palette.waitFor({ state: 'detached' })
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true)
    // Storage has a shortcut.
    await page.keyboard.press('Control+8')
    await expect.poll(() => page.locator('main').getAttribute('data-view')).toBe('storage')
    await page.keyboard.press('Control+1')
    await connected(page)
  })

  it('follows the OS theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'status-dark.png'), fullPage: true })
    await expectNoSeriousA11yViolations(page, 'overview, dark')
    await screenshotAtSizes(page, 'status-overview-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await expectNoSeriousA11yViolations(page, 'overview, light')
    expect(background).not.toBe(await page.evaluate(() => getComputedStyle(document.body).backgroundColor))
  })

  it('says it is reconnecting while the runtime restarts, and comes back with the new studio URL', async () => {
    const port = new URL(runtime.ready.apiUrl).port
    await runtime.stop()
    await notice(page, 'Reconnecting to the runtime')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'status-reconnecting.png'), fullPage: true })

    runtime = await startHeadlessRuntime({ dataDir, port: Number(port) })
    // Same origin, but a new run has a new token: the old one is refused, and the page says so.
    await notice(page, 'token is not valid')
    // Pasting the new URL into the same tab only changes the hash: no reload, the page adopts it.
    await page.goto(runtime.ready.studioUrl)
    await connected(page)
    expect(page.url()).not.toContain('token')
  })
})

/** The database badge reads "Up" only while the page is in touch with the runtime (phase online). */
async function connected(page: Page): Promise<void> {
  await page.getByTestId('database-state').filter({ hasText: /^Up$/ }).waitFor({ timeout: 15_000 })
}

async function notice(page: Page, text: string): Promise<void> {
  await page.getByTestId('connection-notice').filter({ hasText: text }).waitFor({ timeout: 15_000 })
}
