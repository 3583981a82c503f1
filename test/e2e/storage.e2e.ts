// test/e2e/storage.e2e.ts — the Storage page in headless Chromium against a real headless runtime: create a bucket,
// upload an image with the file picker and a text file by drag and drop, preview both, share a signed URL, download,
// delete. Screenshots land in test/e2e/screenshots/.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { gradientPng } from './helpers/test-png'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { screenshotAtSizes } from './helpers/screenshots'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')
const PNG = gradientPng(240, 160)
const NOTES = 'Shopping list\n- oat milk\n- coffee beans\n'

describe('storage page', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: { width: 1360, height: 820 } })])
    page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })
    await page.goto(runtime.ready.studioUrl)
    await page.locator('[data-feature="storage"]').click()
    await page.getByTestId('storage-page').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await runtime?.stop()
  })

  const row = (key: string) => page.locator(`[data-testid="file-row"][data-key="${key}"]`)

  it('creates a public bucket from the form', async () => {
    await page.getByRole('button', { name: 'New bucket' }).click()
    await page.getByLabel('Name').fill('avatars')
    await page.getByLabel('Public (anyone can read its files)').check()
    await page.getByLabel('Max file size (MB)').fill('5')
    await page.getByRole('button', { name: 'Create bucket' }).click()
    await expect.poll(() => page.getByTestId('bucket-avatars').textContent()).toContain('public')
    expect(await page.getByTestId('bucket-avatars').textContent()).toContain('max 5.0 MB')
    await page.getByTestId('file-browser').waitFor()
  })

  it('uploads an image with the file picker and previews it', async () => {
    await page.getByTestId('upload-input').setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: PNG })
    await row('cat.png').waitFor()
    expect(await row('cat.png').textContent()).toContain('image/png')
    await row('cat.png').click()
    const img = page.getByTestId('preview-image')
    await img.waitFor()
    // Decoded by the browser from the bytes read back through the API: the exact image, not a placeholder.
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => `${el.naturalWidth}x${el.naturalHeight}`)).toBe('240x160')
    expect(await page.getByTestId('file-preview').textContent()).toContain(`${PNG.length.toLocaleString('en-US')} bytes`)
  })

  it('uploads a text file dropped on the browser into the open folder, and previews its text', async () => {
    await page.evaluate((text) => {
      const target = document.querySelector('[data-testid="file-browser"]')!
      const data = new DataTransfer()
      data.items.add(new File([text], 'notes.txt', { type: 'text/plain' }))
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
    }, NOTES)
    await row('notes.txt').waitFor()
    await row('notes.txt').click()
    await expect.poll(() => page.getByTestId('preview-text').textContent()).toBe(NOTES)
  })

  it('a refused upload shows the server reason (bucket size limit)', async () => {
    await page.getByTestId('upload-input').setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) })
    const item = page.locator('[data-testid="upload-item"][data-state="failed"]')
    await item.waitFor()
    expect(await item.textContent()).toContain('bucket "avatars" accepts files of at most 5 MiB')
    expect(await row('huge.bin').count()).toBe(0)
  })

  it('makes a signed URL that serves the file to anyone', async () => {
    await row('cat.png').click()
    await page.getByTestId('preview-image').waitFor()
    await page.getByLabel('Signed URL expiry').selectOption({ label: '1 day' })
    await page.getByRole('button', { name: 'Signed URL' }).click()
    const url = await page.getByLabel('Signed URL', { exact: true }).inputValue()
    expect(url).toMatch(new RegExp(`^${runtime.ready.apiUrl}/api/v1/storage/object\\?token=`))
    const res = await fetch(url)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'storage.png') })
    await expectNoSeriousA11yViolations(page, 'storage, file open, light')
    await screenshotAtSizes(page, 'storage')
    // At 1024×700 with a file open the folder's columns keep one line each (they went one word per line).
    await page.setViewportSize({ width: 1024, height: 700 })
    expect((await page.locator('.storage__table').boundingBox())!.width).toBeGreaterThanOrEqual(420)
    const headHeights = await page.locator('.storage__table th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().height))
    expect(Math.max(...headHeights)).toBeLessThan(40)
    await page.setViewportSize({ width: 1360, height: 820 })
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectNoSeriousA11yViolations(page, 'storage, file open, dark')
    await screenshotAtSizes(page, 'storage-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('downloads the file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()])
    expect(download.suggestedFilename()).toBe('cat.png')
    const saved = await download.path()
    expect(fs.readFileSync(saved!).equals(PNG)).toBe(true)
  })

  it('deletes a file after confirmation', async () => {
    await row('notes.txt').click()
    await page.getByRole('button', { name: 'Delete…' }).click()
    await page.getByRole('button', { name: 'Delete file' }).click()
    await expect.poll(() => row('notes.txt').count()).toBe(0)
    await expect.poll(() => page.getByTestId('bucket-avatars').textContent()).toContain('1 file')
    // The one refusal we asked for (413) is logged by Chromium as a failed resource; nothing else may be.
    expect(pageErrors.filter((e) => !e.includes('status of 413'))).toEqual([])
  })
})
