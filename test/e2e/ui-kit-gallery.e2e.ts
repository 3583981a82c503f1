// test/e2e/ui-kit-gallery.e2e.ts — the UI kit's gallery (#/gallery) in headless Chromium against a real headless
// runtime: screenshots in light and dark at 1440×900 and 1024×700, axe finds nothing serious in either theme, Tab
// reaches every control with a visible focus ring, a Dialog traps focus and gives it back to its opener, Escape
// closes dialogs and menus, the Combobox filters as you type. Screenshots: test/e2e/screenshots/ui-kit-gallery-*.png.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { SCREENSHOT_DIR, screenshotAtSizes } from './helpers/screenshots'
import { collectPageErrors } from './helpers/studio-page'

/** Opens the studio (which stores its token), then the gallery route, and waits for its last section. */
async function openGallery(page: Page, studioUrl: string): Promise<void> {
  await page.goto(studioUrl)
  await page.locator('.shell').waitFor({ timeout: 45_000 })
  await page.evaluate(() => {
    window.location.hash = '/gallery'
  })
  await page.getByTestId('gallery-overlays').waitFor()
}

/** What the focused element is, and whether it shows a focus ring (an outline, or a box-shadow ring). */
function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return null
    const style = getComputedStyle(el)
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) || style.boxShadow.includes('0px 0px 0px')
    if (!el.dataset.tabSeen) el.dataset.tabSeen = String(document.querySelectorAll('[data-tab-seen]').length + 1)
    return { name: `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`, ring, inDialog: !!el.closest('[role="dialog"],[role="alertdialog"]') }
  })
}

// Radix's roving-focus groups (a tab list) are tabindex=0 but hand focus straight to their active item.
const FOCUSABLE =
  'main button:not([disabled]):not([tabindex="-1"]), main input:not([disabled]), main textarea:not([disabled]), main a[href], main [tabindex="0"]:not([role="tablist"]):not([hidden])'

describe('UI kit gallery', () => {
  let dataDir: string
  let runtime: HeadlessRuntime
  let light: TestBrowser
  let dark: TestBrowser

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-e2e-kit-'))
    ;[runtime, light, dark] = await Promise.all([startHeadlessRuntime({ dataDir }), launchBrowser({ colorScheme: 'light' }), launchBrowser({ colorScheme: 'dark' })])
  })

  afterAll(async () => {
    try {
      await light?.close()
      await dark?.close()
      await runtime?.stop()
    } finally {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  for (const theme of ['light', 'dark'] as const) {
    it(`shows every component, axe-clean, in ${theme}`, async () => {
      const page = await (theme === 'light' ? light : dark).newPage()
      const errors = collectPageErrors(page)
      await openGallery(page, runtime.ready.studioUrl)
      const files = await screenshotAtSizes(page, `ui-kit-gallery-${theme}`)
      expect(files).toHaveLength(2)
      await expectNoSeriousA11yViolations(page, `the gallery, ${theme}`)
      // The sidebar's icons have names (the button's label), and the shell is axe-clean with the new icons too.
      await page.evaluate(() => {
        window.location.hash = ''
      })
      await page.locator('[data-feature="overview"] svg').waitFor()
      await expectNoSeriousA11yViolations(page, `the sidebar, ${theme}`, { include: '.sidebar' })
      await expect.poll(() => page.getByRole('button', { name: /^Tables/ }).count()).toBe(1)
      expect(errors).toEqual([])
      await page.close()
    }, 120_000)
  }

  it('Tab reaches every control of the gallery, each with a visible focus ring', async () => {
    const page = await light.newPage()
    await openGallery(page, runtime.ready.studioUrl)
    const expected = await page.locator(FOCUSABLE).count()
    const noRing: string[] = []
    await page.locator('.gallery__header a').focus()
    for (let i = 0; i < expected + 10; i++) {
      await page.keyboard.press('Tab')
      const state = await focusState(page)
      if (state && !state.ring) noRing.push(state.name)
    }
    const missed = await page.locator(FOCUSABLE).evaluateAll((els) =>
      els.filter((el) => !(el as HTMLElement).dataset.tabSeen).map((el) => el.outerHTML.slice(0, 160)),
    )
    expect(missed, 'controls Tab never reached').toEqual([])
    expect(noRing, 'focused without a visible ring').toEqual([])
    await page.close()
  }, 120_000)

  it('a Dialog traps focus, Escape closes it and focus returns to its opener; ConfirmDialog starts on Cancel', async () => {
    const page = await light.newPage()
    await openGallery(page, runtime.ready.studioUrl)
    const opener = page.getByTestId('gallery-open-dialog')
    await opener.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'New bucket' })
    await dialog.waitFor()
    await screenshotAtSizes(page, 'ui-kit-gallery-dialog', { fullPage: false })
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab')
      expect((await focusState(page))?.inDialog, `Tab ${i + 1} left the dialog`).toBe(true)
    }
    await page.keyboard.press('Shift+Tab')
    expect((await focusState(page))?.inDialog).toBe(true)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true)

    const confirmOpener = page.getByTestId('gallery-open-confirm')
    await confirmOpener.focus()
    await page.keyboard.press('Enter')
    const confirm = page.getByRole('alertdialog', { name: 'Delete alice@acme.test?' })
    await confirm.waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel')
    // A failing action keeps the dialog open with the error in it.
    await confirm.getByRole('button', { name: 'Delete user' }).click()
    await confirm.getByRole('alert').filter({ hasText: 'does not delete anything' }).waitFor()
    await page.keyboard.press('Escape')
    await confirm.waitFor({ state: 'detached' })
    expect(await confirmOpener.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.close()
  }, 120_000)

  it('menus open from the keyboard and close on Escape; the Combobox filters as you type', async () => {
    const page = await light.newPage()
    await openGallery(page, runtime.ready.studioUrl)
    const menuTrigger = page.getByTestId('gallery-open-menu')
    await menuTrigger.focus()
    await page.keyboard.press('Enter')
    const menu = page.getByRole('menu')
    await menu.waitFor()
    await page.keyboard.press('ArrowDown')
    await screenshotAtSizes(page, 'ui-kit-gallery-menu', { fullPage: false })
    await page.keyboard.press('Escape')
    await menu.waitFor({ state: 'detached' })
    expect(await menuTrigger.evaluate((el) => el === document.activeElement)).toBe(true)

    const combobox = page.getByTestId('gallery-combobox')
    await combobox.click()
    // Type only once the search field has focus: keys sent while the popover opens are lost.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT')
    await page.keyboard.type('car')
    const options = page.getByRole('option')
    await expect.poll(() => options.allTextContents()).toEqual(['carol@acme.test admin'])
    await screenshotAtSizes(page, 'ui-kit-gallery-combobox', { fullPage: false })
    await page.keyboard.press('Enter')
    await expect.poll(() => combobox.textContent()).toBe('carol@acme.test')
    // Focus comes back to the trigger once the popover has closed (a frame later).
    await expect.poll(() => combobox.evaluate((el) => el === document.activeElement)).toBe(true)

    await page.getByTestId('gallery-open-popover').click()
    await page.getByRole('dialog', { name: 'Filter rows' }).waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('dialog', { name: 'Filter rows' }).waitFor({ state: 'detached' })
    await page.close()
  }, 120_000)
})
