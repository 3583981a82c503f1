// test/e2e/sql-console.e2e.ts — the SQL console in headless Chromium against a real headless runtime: psql's
// \dt and a query with NULL shown apart from empty text, a multi-line statement, an error with PostgreSQL's caret
// under the offending word, Ctrl+C cancelling `select pg_sleep(30)` on the server, and the history coming back
// after a reload. Screenshots (light and dark) land in test/e2e/screenshots/.
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { screenshotAtSizes } from './helpers/screenshots'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { collectPageErrors, openView, terminalRows, waitForTerminal } from './helpers/studio-page'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')
const TERM = '[data-testid="sql-terminal"]'

describe('SQL console', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  let pageErrors: string[]

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: { width: 1280, height: 860 } })])
    const db = new pg.Client({ connectionString: runtime.ready.databaseUrl })
    await db.connect()
    await db.query(`CREATE TABLE notes (id serial PRIMARY KEY, body text, note text);
      INSERT INTO notes (body, note) VALUES ('alice', NULL), ('bob', '')`)
    await db.end()
    page = await browser.newPage()
    pageErrors = collectPageErrors(page)
    await openView(page, runtime.ready.studioUrl, 'sql')
    await waitForTerminal(page, TERM, /^postgres=# $|^postgres=#$/)
  })

  afterAll(async () => {
    await browser?.close()
    await runtime?.stop()
  })

  async function run(statement: string): Promise<void> {
    await page.locator(TERM).click()
    await page.keyboard.type(statement)
    await page.keyboard.press('Enter')
  }

  it('lists tables with \\dt and prints a query as an aligned table with NULL marked', async () => {
    await run('\\dt')
    let rows = await waitForTerminal(page, TERM, /List of tables/)
    await waitForTerminal(page, TERM, /public\s+\|\s+notes\s+\|\s+table\s+\|\s+postgres/)

    await run('select id, body, note from notes order by id;')
    rows = await waitForTerminal(page, TERM, /^\(2 rows\)$/)
    const header = rows.findIndex((r) => /^\s*id \| body\s*\| note$/.test(r))
    expect(header).toBeGreaterThan(-1)
    expect(rows[header + 1]).toMatch(/^-+\+-+\+-+$/)
    // NULL is the dim mark; the empty string is nothing at all.
    expect(rows[header + 2]).toMatch(/^\s+1 \| alice \| ∅$/)
    expect(rows[header + 3]).toMatch(/^\s+2 \| bob\s+\|$/)
    const marked = await page.locator(`${TERM} .xterm-rows span.xterm-dim`).allTextContents()
    expect(marked).toContain('∅')
  })

  it('continues a statement without ; on the next line with the -# prompt', async () => {
    await run('select 40 +')
    await waitForTerminal(page, TERM, /^postgres-# $|^postgres-#$/)
    await run('2 as answer;')
    const rows = await waitForTerminal(page, TERM, /^\s+42$/)
    expect(rows.some((r) => /^\s*answer$/.test(r))).toBe(true)
  })

  it("shows an error with PostgreSQL's caret under the offending word, and the hint", async () => {
    await page.keyboard.press('Control+l')
    await run('select nope from notes;')
    const rows = await waitForTerminal(page, TERM, /^ERROR:\s+column "nope" does not exist/)
    const line = rows.findIndex((r) => r.startsWith('LINE 1: select nope from notes;'))
    expect(line).toBeGreaterThan(-1)
    expect(rows[line + 1].indexOf('^')).toBe(rows[line].indexOf('nope'))
    expect(rows.some((r) => r.startsWith('WARNING'))).toBe(false)

    await run("select * from notes where id = 'x';")
    await waitForTerminal(page, TERM, /^ERROR:\s+invalid input syntax for type integer: "x"/)
  })

  it('cancels a running statement on the server with Ctrl+C', async () => {
    await run('select pg_sleep(30);')
    await expect.poll(() => page.getByRole('button', { name: 'Cancel' }).isEnabled(), { timeout: 5_000 }).toBe(true)
    const db = new pg.Client({ connectionString: runtime.ready.databaseUrl })
    await db.connect()
    try {
      const sleeping = async () => (await db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'select pg_sleep(30);' AND state = 'active'")).rows[0].n
      await expect.poll(sleeping, { timeout: 5_000 }).toBe(1)
      const started = Date.now()
      await page.keyboard.press('Control+c')
      await waitForTerminal(page, TERM, /canceling statement due to user request/, 10_000)
      expect(Date.now() - started).toBeLessThan(5_000)
      // Cancelled in PostgreSQL, not merely abandoned by the page.
      expect(await sleeping()).toBe(0)
    } finally {
      await db.end()
    }
    await waitForTerminal(page, TERM, /^postgres=#/)
    expect(await page.getByRole('button', { name: 'Cancel' }).isEnabled()).toBe(false)
  })

  it('prints psql command tags, notices and \\x records', async () => {
    await page.keyboard.press('Control+l')
    await run("insert into notes (body) values ('carol');")
    await waitForTerminal(page, TERM, /^INSERT 0 1$/)
    await run("do $$ begin raise notice 'hello from plpgsql'; end $$;")
    await waitForTerminal(page, TERM, /^NOTICE:\s+hello from plpgsql$/)
    await run('\\x on')
    await waitForTerminal(page, TERM, /^Expanded display is on\.$/)
    await run("select id, body from notes where body = 'carol';")
    await waitForTerminal(page, TERM, /^-\[ RECORD 1 \]/)
    await run('\\x auto')
    await waitForTerminal(page, TERM, /^Expanded display is used automatically\.$/)
  })

  it('keeps the history across a reload (up arrow recalls the last statement)', async () => {
    await page.reload()
    await page.locator('.shell__main[data-view="sql"]').waitFor()
    await waitForTerminal(page, TERM, /^postgres=#/)
    // History arrives from the server shortly after the console starts.
    await page.waitForTimeout(500)
    await page.locator(TERM).click()
    // \x is the console's own; the server keeps what ran there.
    await page.keyboard.press('ArrowUp')
    await waitForTerminal(page, TERM, /^postgres=# select id, body from notes where body = 'carol';$/)
    await page.keyboard.press('ArrowUp')
    await waitForTerminal(page, TERM, /^postgres=# do \$\$ begin raise notice/)
    await page.keyboard.press('ArrowDown')
    await waitForTerminal(page, TERM, /^postgres=# select id, body from notes where body = 'carol';$/)
    // Ctrl+C at the prompt abandons the input, like psql.
    await page.keyboard.press('Control+c')
    await waitForTerminal(page, TERM, /carol';\^C$/)
  })

  it('pastes a statement from the clipboard and copies a selection with Ctrl+C', async () => {
    await page.keyboard.press('Control+l')
    await page.evaluate(() => navigator.clipboard.writeText('select 6 * 7 as product;'))
    await page.locator(TERM).click()
    await page.keyboard.press('Control+v')
    // Pasted text lands in the input, like psql's; Enter runs it.
    await waitForTerminal(page, TERM, /^postgres=# select 6 \* 7 as product;$/)
    await page.keyboard.press('Enter')
    await waitForTerminal(page, TERM, /^\s+42$/)
    // Double-click selects a word; Ctrl+C with a selection copies instead of interrupting.
    const word = page.locator(`${TERM} .xterm-rows > div`, { hasText: /^\s*product\s*$/ }).first()
    const box = (await word.boundingBox())!
    await page.mouse.dblclick(box.x + 30, box.y + box.height / 2)
    await page.keyboard.press('Control+c')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('product')
    expect((await terminalRows(page, TERM)).some((r) => r.includes('^C'))).toBe(false)
  })

  it('looks right in light and dark', async () => {
    await page.keyboard.press('Control+l')
    await run('\\dt')
    await run("select id, body, note, now()::date = current_date as today, '{\"tags\": [\"a\", \"b\"]}'::jsonb as meta from notes order by id;")
    await waitForTerminal(page, TERM, /^\(3 rows\)$/)
    await run('select nope from notes;')
    await waitForTerminal(page, TERM, /^ERROR:/)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sql-console.png') })
    // xterm's rows are a third-party canvas-like grid (its helper textarea has no label of ours): left out.
    const xterm = { exclude: ['.terminal-frame'] }
    await expectNoSeriousA11yViolations(page, 'SQL console, light', xterm)
    await screenshotAtSizes(page, 'sql-console', { fullPage: false })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForTimeout(300)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sql-console-dark.png') })
    await expectNoSeriousA11yViolations(page, 'SQL console, dark', xterm)
    await screenshotAtSizes(page, 'sql-console-dark', { fullPage: false })
    await page.emulateMedia({ colorScheme: 'light' })
    // At 1024×700 the toolbar wraps rather than clipping: every control stays inside the window.
    await page.setViewportSize({ width: 1024, height: 700 })
    for (const name of ['Search', 'Clear', 'Cancel']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox()
      expect((box?.x ?? 9999) + (box?.width ?? 0)).toBeLessThanOrEqual(1024)
    }
    await page.setViewportSize({ width: 1280, height: 860 })
    expect((await terminalRows(page, TERM)).length).toBeGreaterThan(10)
    expect(pageErrors).toEqual([])
  })
})
