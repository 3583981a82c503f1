// test/e2e/status-page.e2e.ts — the studio's status cards (Overview view) in headless Chromium
// against a real headless runtime: they show the runtime's facts, the token leaves the URL, values
// copy, and the page rides out a runtime restart. Screenshots land in test/e2e/screenshots/.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'

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

  it('follows the OS theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'status-dark.png'), fullPage: true })
    await page.emulateMedia({ colorScheme: 'light' })
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
