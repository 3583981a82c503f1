// test/e2e/helpers/screenshots.ts — the two window sizes every e2e view is checked at (issue 23: 1440×900 and the
// smallest supported, 1024×700), in one call: resizes, lets layout settle, screenshots each, and puts the page
// back to the size it had. Files: test/e2e/screenshots/<name>-1440x900.png and <name>-1024x700.png.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'

export const SCREENSHOT_DIR = path.resolve('test/e2e/screenshots')

export const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const

/** Screenshots the page at both sizes; returns the files written. `fullPage` (default true) captures below the fold. */
export async function screenshotAtSizes(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string[]> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const before = page.viewportSize()
  const files: string[] = []
  try {
    for (const size of VIEWPORTS) {
      await page.setViewportSize(size)
      // Two frames: one for the resize to lay out, one for anything that measures itself after it (virtual grids).
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
      const file = path.join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`)
      await page.screenshot({ path: file, fullPage: options.fullPage ?? true })
      files.push(file)
    }
  } finally {
    if (before) await page.setViewportSize(before)
  }
  return files
}
