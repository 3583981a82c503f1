// test/e2e/logs.e2e.ts — the log viewer in headless Chromium against a real headless runtime: the live tail shows a
// request as it happens; a REST read that fails in PostgreSQL (division by zero) is found by its request id, with
// PostgreSQL's own line for that request beside the HTTP one; an entry's JSON; regex search on the server; pause;
// export of the filtered entries as JSON lines. Screenshots (light and dark) in test/e2e/screenshots/.
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { collectPageErrors, openView, waitForTerminal } from './helpers/studio-page'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { screenshotAtSizes } from './helpers/screenshots'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')
const TERM = '[data-testid="log-terminal"]'

describe('log viewer', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  let pageErrors: string[]
  let origin: string

  /** The log viewer (the sidebar has buttons with similar names: "Tables"). */
  const view = () => page.getByTestId('logs-page')

  /** A REST call exactly as an app makes it, with our own request id. */
  const rest = (pathAndQuery: string, requestId: string) =>
    fetch(`${origin}${pathAndQuery}`, { headers: { Authorization: `Bearer ${runtime.ready.serviceRoleKey}`, apikey: runtime.ready.serviceRoleKey, 'X-Request-ID': requestId } })

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: { width: 1400, height: 860 } })])
    origin = new URL(runtime.ready.studioUrl).origin
    const db = new pg.Client({ connectionString: runtime.ready.databaseUrl })
    await db.connect()
    await db.query(`CREATE TABLE ratios (id int PRIMARY KEY, part int, whole int);
      INSERT INTO ratios VALUES (1, 1, 2), (2, 3, 0);
      CREATE VIEW ratio_view AS SELECT id, part / whole AS ratio FROM ratios;
      GRANT SELECT ON ratios, ratio_view TO anon, authenticated, service_role;`)
    await db.end()
    page = await browser.newPage()
    pageErrors = collectPageErrors(page)
    await openView(page, runtime.ready.studioUrl, 'logs')
    await page.getByTestId('logs-page').waitFor()
    if ((await view().getByRole('button', { name: 'Live tail' }).getAttribute('aria-pressed')) !== 'true') await view().getByRole('button', { name: 'Live tail' }).click()
    await page.getByTestId('log-stream-state').filter({ hasText: /^Live$/ }).waitFor({ timeout: 15_000 })
  })

  afterAll(async () => {
    await browser?.close()
    await runtime?.stop()
  })

  it('shows a new request in the live tail as it happens', async () => {
    const ok = await rest('/api/v1/tables/public/ratios?select=id&id=eq.1', 'e2e-live-ok-1')
    expect(ok.status).toBe(200)
    await waitForTerminal(page, TERM, /e2e-live-ok-1\s+GET \/api\/v1\/tables\/public\/ratios → 200/)
  })

  it("finds a failed request by its id, with PostgreSQL's line for it", async () => {
    const failed = await rest('/api/v1/tables/public/ratio_view?select=id,ratio', 'e2e-div-zero-1')
    expect(failed.status).toBeGreaterThanOrEqual(400)
    expect((await failed.json()).message ?? '').toMatch(/division by zero/)
    // The tail shows it; its request id is a link to every line of the request.
    await waitForTerminal(page, TERM, /e2e-div-zero-1\s+GET \/api\/v1\/tables\/public\/ratio_view → [45]\d\d/)
    const box = (await page.locator(`${TERM} .xterm-rows span`, { hasText: 'e2e-div-zero-1' }).last().boundingBox())!
    // xterm finds links under the mouse: move there first, then click.
    await page.mouse.move(box.x + 20, box.y + box.height / 2)
    await page.waitForTimeout(200)
    await page.mouse.click(box.x + 20, box.y + box.height / 2)
    await page.getByTestId('request-banner').waitFor()
    expect(await view().getByRole('button', { name: 'Table', exact: true }).getAttribute('aria-pressed')).toBe('true')

    const rows = page.getByTestId('log-row')
    // The HTTP line and PostgreSQL's own ERROR line for the same request (its id travels in application_name).
    await expect.poll(async () => (await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.category))).sort(), { timeout: 10_000 }).toEqual(
      expect.arrayContaining(['http', 'postgres']),
    )
    // Both lines say "division by zero" (the HTTP line ends with the error the app was sent): take PostgreSQL's.
    const pgRow = page.locator('[data-testid="log-row"][data-category="postgres"]').filter({ hasText: 'division by zero' }).first()
    expect(await pgRow.getAttribute('data-category')).toBe('postgres')
    expect(await pgRow.getAttribute('data-request-id')).toBe('e2e-div-zero-1')
    expect(await rows.evaluateAll((els) => els.every((e) => (e as HTMLElement).dataset.requestId === 'e2e-div-zero-1'))).toBe(true)
    expect(await page.getByTestId('request-banner').textContent()).toMatch(/e2e-div-zero-1: \d+ lines \(.*http.*postgres.*\)/)

    // The JSON of PostgreSQL's line.
    await pgRow.click()
    const detail = page.getByTestId('log-detail')
    await detail.waitFor()
    const json = JSON.parse((await detail.locator('pre').textContent()) ?? '{}')
    expect(json).toMatchObject({ category: 'postgres', level: 'error', request_id: 'e2e-div-zero-1' })
    expect(json.message).toContain('division by zero')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'logs-request.png') })

    // Back to every line; the entry's panel closes with the request view.
    await view().getByRole('button', { name: '← All logs' }).click()
    await expect.poll(() => page.getByTestId('log-detail').count()).toBe(0)
  })

  it('searches with a regular expression on the server, and says when one is invalid', async () => {
    await view().getByRole('button', { name: 'Table', exact: true }).click()
    await view().getByRole('button', { name: '.*' }).click()
    const search = page.getByLabel('Search logs')
    await search.fill('ratio_view → [45]\\d\\d')
    await search.press('Enter')
    await expect.poll(() => page.getByTestId('log-row').count(), { timeout: 10_000 }).toBe(1)
    expect(await page.getByTestId('log-row').first().getAttribute('data-request-id')).toBe('e2e-div-zero-1')

    await search.fill('([unclosed')
    await search.press('Enter')
    await expect.poll(() => view().getByRole('alert').first().textContent()).toMatch(/not a valid regular expression/)
    await search.fill('')
    await search.press('Enter')
    await view().getByRole('button', { name: '.*' }).click()
  })

  it('filters by source and status', async () => {
    await view().getByRole('button', { name: 'PostgreSQL', exact: true }).click()
    await expect.poll(async () => new Set(await page.getByTestId('log-row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.category)))).toEqual(new Set(['postgres']))
    await view().getByRole('button', { name: 'PostgreSQL', exact: true }).click()
    await view().getByRole('button', { name: 'HTTP', exact: true }).click()
    await page.getByLabel('Status').fill('2xx')
    await page.getByLabel('Status').press('Enter')
    await expect.poll(() => page.getByTestId('log-row').filter({ hasText: 'e2e-div-zero-1' }).count()).toBe(0)
    expect(await page.getByTestId('log-row').filter({ hasText: 'e2e-live-ok-1' }).count()).toBe(1)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'logs-table.png') })
    await view().getByRole('button', { name: 'Clear filters' }).click()
  })

  it('pauses: new entries wait, and arrive on resume', async () => {
    await view().getByRole('button', { name: 'Pause' }).click()
    const before = await page.getByTestId('log-row').count()
    await rest('/api/v1/tables/public/ratios?select=id', 'e2e-while-paused-1')
    await expect.poll(() => view().getByRole('button', { name: /^Resume \(\d+ new\)$/ }).count(), { timeout: 10_000 }).toBe(1)
    expect(await page.getByTestId('log-row').filter({ hasText: 'e2e-while-paused-1' }).count()).toBe(0)
    expect(await page.getByTestId('log-row').count()).toBe(before)
    await view().getByRole('button', { name: /^Resume/ }).click()
    await expect.poll(() => page.getByTestId('log-row').filter({ hasText: 'e2e-while-paused-1' }).count()).toBe(1)
  })

  it('exports the filtered entries as JSON lines', async () => {
    await page.getByLabel('Search logs').fill('e2e-')
    await page.getByLabel('Search logs').press('Enter')
    await expect.poll(() => page.getByTestId('log-row').count()).toBeGreaterThan(2)
    const [download] = await Promise.all([page.waitForEvent('download'), view().getByRole('button', { name: 'Export JSONL' }).click()])
    expect(download.suggestedFilename()).toMatch(/^fluxbase-logs-\d{8}-\d{6}\.jsonl$/)
    const file = await download.path()
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { request_id?: string; message: string; fields?: unknown })
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.map((l) => l.request_id)).toEqual(expect.arrayContaining(['e2e-live-ok-1', 'e2e-div-zero-1']))
    expect(lines.every((l) => JSON.stringify(l).includes('e2e-'))).toBe(true)
    await page.getByLabel('Search logs').fill('')
    await page.getByLabel('Search logs').press('Enter')
    await expect.poll(() => page.getByTestId('log-row').filter({ hasText: 'e2e-while-paused-1' }).count()).toBe(1)
  })

  it("hides the studio's own traffic until asked, and a failed request keeps the error the app received", async () => {
    await view().getByRole('button', { name: 'Table', exact: true }).click()
    const studioRows = () => page.locator('[data-testid="log-row"][data-request-id^="studio-"], [data-testid="log-row"][data-category="studio"]').count()
    // Something the studio does (a statement from its SQL console): none of it shows by default…
    const token = new URL(runtime.ready.studioUrl).hash.slice('#token='.length)
    const ran = await fetch(`${origin}/studio/api/sql`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ sql: 'select 1 as e2e_studio_traffic' }) })
    expect(ran.ok).toBe(true)
    expect(await view().getByTestId('logs-show-studio').getAttribute('aria-pressed')).toBe('false')
    expect(await studioRows()).toBe(0)
    // …and all of it with the switch on.
    await view().getByTestId('logs-show-studio').click()
    await expect.poll(studioRows, { timeout: 15_000 }).toBeGreaterThan(0)
    await view().getByTestId('logs-show-studio').click()
    await expect.poll(studioRows, { timeout: 10_000 }).toBe(0)

    // A mistyped table: the line's detail says the code, the message and the hint the app was sent.
    const typo = await rest('/api/v1/tables/public/ratio', 'e2e-typo-1')
    const sent = (await typo.json()) as { code?: string; message?: string; hint?: string }
    expect(typo.status).toBe(404)
    const row = page.locator('[data-testid="log-row"][data-request-id="e2e-typo-1"][data-category="http"]')
    await row.waitFor({ timeout: 10_000 })
    await row.click()
    const error = page.getByTestId('log-sent-error')
    await error.waitFor()
    if (sent.code) expect(await error.textContent()).toContain(sent.code)
    if (sent.message) expect(await error.textContent()).toContain(sent.message)
    if (sent.hint) expect(await error.textContent()).toContain(sent.hint)

    // A 401 says why.
    await fetch(`${origin}/api/v1/tables/public/ratios`, { headers: { Authorization: 'Bearer not-a-token', 'X-Request-ID': 'e2e-why-401' } })
    const refused = page.locator('[data-testid="log-row"][data-request-id="e2e-why-401"][data-category="http"]')
    await refused.waitFor({ timeout: 10_000 })
    await refused.click()
    await expect.poll(() => page.getByTestId('log-sent-error').textContent()).toMatch(/401/)
    await expectNoSeriousA11yViolations(page, 'logs, error detail, light')
    await screenshotAtSizes(page, 'logs-error-detail')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectNoSeriousA11yViolations(page, 'logs, error detail, dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByRole('button', { name: 'Close entry' }).click()
  }, 240_000)

  it('looks right in light and dark', async () => {
    for (let i = 0; i < 6; i++) await rest(`/api/v1/tables/public/ratios?select=id&id=eq.${i}`, `e2e-shot-${i}`)
    await rest('/api/v1/tables/public/nope', 'e2e-shot-404')
    await view().getByRole('button', { name: 'Live tail' }).click()
    await waitForTerminal(page, TERM, /e2e-shot-404/)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'logs-tail.png') })
    await expectNoSeriousA11yViolations(page, 'logs, tail, light', { exclude: [TERM] })
    await screenshotAtSizes(page, 'logs-tail', { fullPage: false })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForTimeout(300)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'logs-tail-dark.png') })
    await view().getByRole('button', { name: 'Table', exact: true }).click()
    await page.getByTestId('log-row').first().click()
    await page.screenshot({ path: path.join(SCREENSHOTS, 'logs-table-dark.png') })
    await expectNoSeriousA11yViolations(page, 'logs, table, dark')
    await screenshotAtSizes(page, 'logs-table-dark', { fullPage: false })
    await page.emulateMedia({ colorScheme: 'light' })
    expect(pageErrors.filter((e) => !/status of (400|401|404|500)/.test(e))).toEqual([])
  })
})
