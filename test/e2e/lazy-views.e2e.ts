// test/e2e/lazy-views.e2e.ts — each view's code loads when the view is first opened (issue 23, Loading), in headless
// Chromium against a real headless runtime: the Overview fetches none of the other views' chunks, the shortcut,
// the sidebar and the command palette each open a view whose chunk is then fetched once, and a chunk that cannot
// load shows the view's error in place with the rest of the studio still working.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { collectPageErrors } from './helpers/studio-page'

/** The scripts the page fetched so far, by file name (e.g. SqlView-abc123.js). */
function scriptLog(page: Page): string[] {
  const names: string[] = []
  page.on('request', (r) => {
    if (r.resourceType() === 'script') names.push(new URL(r.url()).pathname.split('/').pop() ?? '')
  })
  return names
}

/** A page that starts on the Overview (the last view is remembered per profile, and this one is shared). */
async function overviewPage(browser: TestBrowser): Promise<Page> {
  const page = await browser.newPage()
  await page.addInitScript(`localStorage.setItem('fluxbase-studio.view', '{"view":"overview","viewParams":{}}')`)
  return page
}

const chunk = (names: string[], view: string) => names.filter((n) => n.startsWith(`${view}-`))

describe('views load their code when first opened', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser

  beforeAll(async () => {
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: { width: 1440, height: 900 } })])
  })

  afterAll(async () => {
    await browser?.close()
    await runtime?.stop()
  })

  it('starts on the Overview without the heavy views, then fetches each view once, by shortcut, sidebar and palette', async () => {
    const page = await overviewPage(browser)
    const errors = collectPageErrors(page)
    const scripts = scriptLog(page)
    await page.goto(runtime.ready.studioUrl)
    await page.locator('.shell__main[data-view="overview"] .card--runtime').waitFor({ timeout: 45_000 })
    await page.locator('.statusbar__db--up').waitFor({ timeout: 30_000 })
    for (const view of ['TablesView', 'SqlView', 'RlsView', 'AuthView', 'StorageView', 'RealtimeView', 'LogsView']) expect(chunk(scripts, view), view).toEqual([])

    await page.keyboard.press('Control+3')
    await page.locator('.shell__main[data-view="sql"] .sql-view').waitFor()
    expect(chunk(scripts, 'SqlView')).toHaveLength(1)
    expect(chunk(scripts, 'RlsView')).toEqual([])

    await page.locator('[data-feature="tables"]').click()
    await page.locator('.shell__main[data-view="tables"] [data-testid="tables-view"], .shell__main[data-view="tables"] .tb-start').first().waitFor()
    expect(chunk(scripts, 'TablesView')).toHaveLength(1)

    await page.keyboard.press('Control+k')
    await page.locator('.palette__input').fill('Go to RLS')
    await page.keyboard.press('Enter')
    await page.locator('.shell__main[data-view="rls"] .rls-page').waitFor()
    expect(chunk(scripts, 'RlsView')).toHaveLength(1)

    // Back and forth: nothing is fetched again.
    await page.keyboard.press('Control+3')
    await page.locator('.shell__main[data-view="sql"] .sql-view').waitFor()
    expect(chunk(scripts, 'SqlView')).toHaveLength(1)
    expect(errors).toEqual([])
    await page.close()
  })

  it('shows a view whose code cannot load as that view’s error; the other views still open', async () => {
    const page = await overviewPage(browser)
    await page.route(/\/AuthView-[^/]*\.js$/, (route) => route.abort())
    await page.goto(runtime.ready.studioUrl)
    await page.locator('.shell__main[data-view="overview"] .card--runtime').waitFor({ timeout: 45_000 })
    await page.keyboard.press('Control+4')
    const alert = page.locator('.shell__main[data-view="auth"] .feature-error')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/This view failed/)
    await page.keyboard.press('Control+1')
    await page.locator('.shell__main[data-view="overview"] .card--runtime').waitFor()
    await page.close()
  })
})
