// test/e2e/helpers/studio-page.ts — small steps the studio's feature e2e tests share: open a view through the
// sidebar, collect page errors, and read what an xterm terminal shows (its rendered rows, as text).
import type { Page } from 'playwright-core'

/** Collects uncaught exceptions and console errors (CSP violations included) for a final `toEqual([])`. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return errors
}

/** Goes to the studio and opens `view` with its sidebar button. */
export async function openView(page: Page, studioUrl: string, view: string): Promise<void> {
  await page.goto(studioUrl)
  // The first paint after a runtime start can take a while on a busy two-core machine: wait for it generously.
  await page.locator(`[data-feature="${view}"]`).click({ timeout: 45_000 })
  await page.locator(`.shell__main[data-view="${view}"]`).waitFor()
}

/** The visible rows of the xterm terminal inside `container` (a CSS selector), one string per row. */
export async function terminalRows(page: Page, container: string): Promise<string[]> {
  return page.locator(`${container} .xterm-rows > div`).evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+$/, '')))
}

/** Waits until the terminal shows a row matching `pattern`; returns all rows then. */
export async function waitForTerminal(page: Page, container: string, pattern: RegExp, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs
  let rows: string[] = []
  while (Date.now() < deadline) {
    rows = await terminalRows(page, container)
    if (rows.some((r) => pattern.test(r))) return rows
    await page.waitForTimeout(100)
  }
  throw new Error(`the terminal never showed ${pattern}; it shows:\n${rows.join('\n')}`)
}
