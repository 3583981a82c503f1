// test/e2e/helpers/table-grid.ts — the Tables view's grid as e2e tests reach it: start a page on Tables (once: a
// reload keeps what the test did), the grid, a loaded row, a cell, and opening a public table from the list.
import type { Page } from 'playwright-core'

/** The page's first load opens Tables; later reloads keep whatever view the test went to. */
export async function startOnTables(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('e2e-started')) {
      sessionStorage.setItem('e2e-started', '1')
      localStorage.setItem('fluxbase-studio.view', JSON.stringify({ view: 'tables', viewParams: {} }))
    }
  })
}

export function tableGrid(page: Page) {
  const grid = () => page.locator('.tb-main [data-testid="data-grid"]')
  const row = (i: number) => grid().locator(`[data-row-index="${i}"][data-loaded="true"]`)
  const cell = (i: number, column: string) => row(i).locator(`[data-column="${column}"]`)
  /** Opens public.`name` from the table list and waits for its first row (the first paint can be slow). */
  const openTable = async (name: string, timeout?: number) => {
    await page.locator(`[data-table="public.${name}"]`).click({ timeout })
    await row(0).waitFor()
  }
  return { grid, row, cell, openTable }
}
