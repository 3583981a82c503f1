// test/e2e/new-user-path.e2e.ts — what a new user hit in the studio (issue 22), in headless Chromium against a real
// headless runtime: a 6-row table stays 6 rows after an edit, the sticky row-number column hides what scrolls
// under it, the identity survives a reload and a change to a more powerful one is announced in the SQL console,
// and the friction items that are behaviour. Screenshots (1440×900 and 1024×700) land in test/e2e/screenshots/
// (new-user-*.png).
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { startOnTables, tableGrid } from './helpers/table-grid'
import { collectPageErrors, waitForTerminal } from './helpers/studio-page'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')
const PASSWORD = 'correct horse battery staple'

const SEED = `
  CREATE TABLE todos (id bigserial PRIMARY KEY, owner uuid, title text NOT NULL, note text, done boolean NOT NULL DEFAULT false);
  INSERT INTO todos (title, note) SELECT 'todo ' || g, 'a long note that scrolls under the row numbers ' || repeat('WWWW ', 20) FROM generate_series(1, 6) AS g;
  ALTER TABLE todos ENABLE ROW LEVEL SECURITY;
  CREATE POLICY "own rows" ON todos FOR ALL TO authenticated USING (owner = auth.uid()) WITH CHECK (owner = auth.uid());
  GRANT SELECT, INSERT, UPDATE, DELETE ON todos TO authenticated;
  GRANT USAGE ON SEQUENCE todos_id_seq TO authenticated;
`

/** Both sizes the issue was tried at. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.waitForTimeout(200)
  await page.screenshot({ path: path.join(SCREENSHOTS, `new-user-${name}-1440.png`) })
  await page.setViewportSize({ width: 1024, height: 700 })
  await page.waitForTimeout(200)
  await page.screenshot({ path: path.join(SCREENSHOTS, `new-user-${name}-1024.png`) })
  await page.setViewportSize({ width: 1440, height: 900 })
}

describe('a new user in the studio (issue 22)', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  let db: pg.Client
  let pageErrors: string[] = []
  const users: Record<string, string> = {}

  const studioApi = async (pathname: string, body?: unknown) => {
    const token = new URL(runtime.ready.studioUrl).hash.slice('#token='.length)
    const res = await fetch(`${new URL(runtime.ready.studioUrl).origin}${pathname}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: { width: 1440, height: 900 } })])
    db = new pg.Client({ connectionString: runtime.ready.databaseUrl })
    await db.connect()
    await db.query(SEED)
    for (const email of ['alice@acme.test', 'bob@acme.test']) {
      const res = await studioApi('/studio/api/auth/users', { email, password: PASSWORD })
      expect(res.status).toBe(201)
      users[email] = String((res.body.user as { id?: string } | undefined)?.id ?? res.body.id)
    }
    await db.query(`UPDATE todos SET owner = $1 WHERE id <= 4`, [users['alice@acme.test']])
    page = await browser.newPage()
    pageErrors = collectPageErrors(page)
    await startOnTables(page)
    await page.goto(runtime.ready.studioUrl)
  })

  afterAll(async () => {
    await db?.end()
    await browser?.close()
    await runtime?.stop()
  })

  const grid = () => tableGrid(page).grid()
  const row = (i: number) => tableGrid(page).row(i)
  const cell = (i: number, column: string) => tableGrid(page).cell(i, column)
  const openTable = (name: string) => tableGrid(page).openTable(name, 45_000)
  const laidOutRows = () => grid().locator('[data-row-index]').count()

  it('defect 1: after an edit, a 6-row table still shows 6 rows (no invented placeholder rows)', async () => {
    // The block read ahead of the scroll (rows 251–500: empty) answers after the first one, as on a busy machine.
    await page.route(/\/api\/v1\/tables\/public\/todos\?.*offset=250/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400))
      await route.continue()
    })
    await openTable('todos')
    await expect.poll(() => page.getByTestId('row-count').textContent()).toMatch(/^6 rows/)
    await cell(0, 'title').dblclick()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('todo one, edited')
    await page.keyboard.press('Enter')
    await page.getByTestId('review-changes').click()
    const review = page.getByTestId('review-panel')
    await review.getByTestId('run-changes').click()
    await review.getByText('✓ 1 row updated').waitFor()
    await review.getByRole('button', { name: 'Close', exact: true }).last().click()
    await expect.poll(() => cell(0, 'title').textContent()).toBe('todo one, edited')
    // Give every block in flight time to land, then count what is laid out.
    await page.waitForTimeout(1_500)
    expect(await page.getByTestId('row-count').textContent()).toMatch(/^6 rows/)
    expect(await page.locator('.tb-pager__range').textContent()).toContain('Rows 1–6')
    expect(await laidOutRows()).toBe(6)
    await page.unroute(/\/api\/v1\/tables\/public\/todos\?.*offset=250/)
    await shoot(page, 'grid-after-edit')
  })

  it('defect 6: the sticky row-number column hides the cells scrolled under it', async () => {
    await page.setViewportSize({ width: 1024, height: 700 })
    const gutter = row(1).locator('.tb-gutter')
    await row(1).hover()
    const before = await gutter.screenshot()
    await grid().evaluate((el) => (el.scrollLeft = 240))
    await page.waitForTimeout(200)
    await row(1).hover()
    const after = await gutter.screenshot()
    expect(await grid().evaluate((el) => el.scrollLeft)).toBe(240)
    // Nothing of the cells that scrolled under the gutter shows through it: it looks exactly as before.
    expect(Buffer.compare(before, after)).toBe(0)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'new-user-grid-scrolled-sideways-1024.png') })
    await page.setViewportSize({ width: 1440, height: 900 })
    await grid().evaluate((el) => (el.scrollLeft = 0))
  })

  it('defect 3: the identity survives a reload, and a change to a more powerful one is announced where the user types', async () => {
    await page.getByTestId('identity-chip').click()
    await page.getByLabel('Search users').fill('alice')
    await page.locator('.idp-user', { hasText: 'alice@acme.test' }).getByRole('button', { name: 'Act as' }).click()
    await expect.poll(() => page.getByTestId('identity-chip').textContent()).toContain('alice@acme.test')
    await page.reload()
    await page.getByTestId('identity-chip').waitFor({ timeout: 45_000 })
    await expect.poll(() => page.getByTestId('identity-chip').textContent(), { timeout: 20_000 }).toContain('alice@acme.test')
    // The grid reads as alice after the reload: her four rows, not all six.
    await openTable('todos')
    await expect.poll(() => page.getByTestId('row-count').textContent()).toMatch(/^4 rows/)

    await page.locator('[data-feature="sql"]').click()
    await waitForTerminal(page, '[data-testid="sql-terminal"]', /as alice@acme\.test/)
    await page.getByTestId('identity-chip').click()
    await page.getByTestId('identity-option-service_role').click()
    const rows = await waitForTerminal(page, '[data-testid="sql-terminal"]', /⚠ now running as the superuser: RLS is bypassed/)
    expect(rows.some((r) => /now running as the superuser/.test(r))).toBe(true)
    await shoot(page, 'sql-identity-escalated')
  })

  it('defect 5: no stale or contradictory state (table header, Enable RLS, storage messages and bucket)', async () => {
    const view = async (feature: string) => {
      await page.locator(`[data-feature="${feature}"]`).click()
      await page.locator(`.shell__main[data-view="${feature}"]`).waitFor()
    }
    // A policy applied elsewhere (here: straight in the database): the open table's header follows.
    await view('tables')
    await openTable('todos')
    const headerBadge = page.locator('.tb-workspace__head [data-rls]')
    await expect.poll(() => headerBadge.textContent()).toBe('RLS · 1 policy')
    await db.query(`CREATE POLICY "read done" ON todos FOR SELECT TO authenticated USING (done)`)
    await view('sql')
    await view('tables')
    await expect.poll(() => headerBadge.textContent()).toBe('RLS · 2 policies')

    // The policy editor offers "Enable RLS" only on a table without it.
    await view('rls')
    await page.getByTestId('rls-table-picker').selectOption('public.todos')
    await page.getByTestId('rls-tab-policies').click()
    await page.locator('.rls-editor__policy', { hasText: 'read done' }).waitFor()
    expect(await page.getByTestId('policy-enable-rls').count()).toBe(0)

    // Storage: a refusal and the later success of the same file are not shown side by side; the bucket stays open.
    const created = await fetch(`${runtime.ready.apiUrl}/api/v1/storage/buckets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${runtime.ready.serviceRoleKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'docs', public: false, file_size_limit: 1024 }),
    })
    expect(created.status).toBeLessThan(300)
    await view('storage')
    await page.getByTestId('bucket-docs').click()
    await page.getByTestId('file-browser').waitFor()
    await page.getByTestId('upload-input').setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.alloc(2048, 'x') })
    await page.locator('[data-testid="upload-item"][data-state="failed"]').waitFor()
    await page.getByTestId('upload-input').setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('small enough') })
    await page.locator('[data-testid="upload-item"][data-state="done"]').waitFor()
    expect(await page.locator('[data-testid="upload-item"]').count()).toBe(1)
    await shoot(page, 'storage-refused-then-uploaded')
    await view('tables')
    await view('storage')
    await page.getByTestId('file-browser').waitFor()
    await page.locator('[data-testid="file-row"][data-key="report.txt"]').waitFor()
  })

  it('friction: Listen as starts as the current identity and finds a user by e-mail (the picker fills the uuid)', async () => {
    const res = await fetch(`${runtime.ready.apiUrl}/api/v1/admin/realtime/tables`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${runtime.ready.serviceRoleKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ schema: 'public', table: 'todos' }),
    })
    expect(res.status).toBeLessThan(300)
    await page.locator('[data-feature="realtime"]').click()
    await page.getByTestId('realtime-page').waitFor()
    await page.getByTestId('rt-tab-listen').click()
    const form = page.getByTestId('rt-listen-form')
    expect(await form.getByLabel('Listen as').inputValue()).toBe(await page.locator('[data-testid="identity-chip"] strong').textContent())
    await form.getByLabel('Listen as').selectOption({ label: 'Another user, by e-mail or id…' })
    await form.getByLabel('Search users').fill('bob')
    await form.locator('.idp-user', { hasText: 'bob@acme.test' }).getByRole('button', { name: 'Pick' }).click()
    expect(await form.getByLabel('User id').inputValue()).toBe(users['bob@acme.test'])
    expect(await form.getByLabel('Email').inputValue()).toBe('bob@acme.test')
    await shoot(page, 'listen-as-by-email')
    await page.getByTestId('rt-listen-submit').click()
    await page.locator('[data-testid="rt-listener"][data-identity="bob@acme.test"][data-state="listening"]').waitFor()
  })

  it("friction: the studio's own writes are hidden from the change feed unless asked for", async () => {
    // Acting as alice (defect 3's test) wrote auth.impersonation_sessions; creating users wrote auth.passwords.
    await page.getByTestId('rt-tab-changes').click()
    await page.getByTestId('rt-show-internal').waitFor()
    const tablesShown = () => page.locator('[data-testid="rt-change-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-table') ?? r.textContent ?? ''))
    await expect.poll(async () => (await tablesShown()).length).toBeGreaterThan(0)
    expect((await tablesShown()).filter((t) => /impersonation_sessions|passwords/.test(t))).toEqual([])
    await page.getByTestId('rt-show-internal').check()
    await expect.poll(async () => (await tablesShown()).some((t) => /impersonation_sessions/.test(t))).toBe(true)
    await shoot(page, 'realtime-studio-traffic-shown')
    await page.getByTestId('rt-show-internal').uncheck()
  })

  it('left no page errors', () => {
    // The refused upload of defect 5's test is the one HTTP error the browser reports, and meant.
    expect(pageErrors.filter((e) => !/status of 413 \(Payload Too Large\)/.test(e))).toEqual([])
  })
})
