// test/e2e/realtime-inspector.e2e.ts — the Realtime inspector in headless Chromium against a real headless runtime:
// a committed row shows up with who received it and who RLS refused; two users listening side by side each get only
// their own rows; a broadcast arrives in the listening columns; connections, tables, pause, and the jump to the RLS
// simulator's explanation. Screenshots (light and dark) land in test/e2e/screenshots/.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { screenshotAtSizes } from './helpers/screenshots'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')
const ALICE = crypto.randomUUID()
const BOB = crypto.randomUUID()
const VIEWPORT = { width: 1440, height: 880 }

/** axe (no serious or critical violations) on the state, then the two window sizes (light pages only). */
async function check(p: Page, name: string, theme: 'light' | 'dark'): Promise<void> {
  await expectNoSeriousA11yViolations(p, `Realtime ${name}, ${theme}`)
  if (theme === 'light') await screenshotAtSizes(p, name)
}

describe('realtime inspector', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  let db: pg.Pool
  const pageErrors: string[] = []

  async function openInspector(p: Page): Promise<void> {
    await p.goto(runtime.ready.studioUrl)
    await p.locator('[data-feature="realtime"]').click()
    await p.getByTestId('realtime-page').waitFor()
    await p.getByTestId('rt-stream-status').filter({ hasText: 'Live' }).waitFor()
  }

  async function listenAs(p: Page, userId: string, email: string): Promise<void> {
    await p.getByTestId('rt-tab-listen').click()
    const form = p.getByTestId('rt-listen-form')
    await form.getByLabel('Listen as').selectOption({ label: 'Another user, by e-mail or id…' })
    await form.getByLabel('User id').fill(userId)
    await form.getByLabel('Email').fill(email)
    await expect.poll(() => form.getByLabel('Table to listen to').inputValue()).toBe('public.todos')
    await p.getByTestId('rt-listen-submit').click()
    await p.locator(`[data-testid="rt-listener"][data-identity="${email}"][data-state="listening"]`).waitFor()
  }

  const column = (p: Page, email: string) => p.locator(`[data-testid="rt-listener"][data-identity="${email}"]`)
  const changeTexts = (p: Page, email: string) => column(p, email).locator('[data-testid="rt-frame"][data-kind="change"]').allTextContents()

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: VIEWPORT })])
    db = new pg.Pool({ connectionString: runtime.ready.databaseUrl, max: 2 })
    // Own rows only: each user sees (and so receives) the todos they own.
    await db.query(`
      CREATE TABLE public.todos (id serial PRIMARY KEY, owner uuid NOT NULL, title text NOT NULL, done boolean NOT NULL DEFAULT false);
      ALTER TABLE public.todos ENABLE ROW LEVEL SECURITY;
      GRANT SELECT ON public.todos TO authenticated;
      CREATE POLICY own_todos ON public.todos FOR SELECT TO authenticated USING (owner = auth.uid());
      CREATE TABLE public.audit_log (id serial PRIMARY KEY, note text);
    `)
    const res = await fetch(`${runtime.ready.apiUrl}/api/v1/admin/realtime/tables`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${runtime.ready.serviceRoleKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ schema: 'public', table: 'todos' }),
    })
    expect(res.status).toBe(201)
    page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })
    await openInspector(page)
  })

  afterAll(async () => {
    await db?.end()
    await browser?.close()
    await runtime?.stop()
  })

  it('listens as two users on an own-rows table: each column receives only that user’s rows', async () => {
    await listenAs(page, ALICE, 'alice@example.com')
    await listenAs(page, BOB, 'bob@example.com')
    await db.query(`INSERT INTO public.todos (owner, title) VALUES ($1, 'alice buys milk'), ($2, 'bob walks the dog'), ($1, 'alice pays rent')`, [ALICE, BOB])
    await expect.poll(() => changeTexts(page, 'alice@example.com')).toHaveLength(2)
    await expect.poll(() => changeTexts(page, 'bob@example.com')).toHaveLength(1)
    const alice = (await changeTexts(page, 'alice@example.com')).join('\n')
    const bob = (await changeTexts(page, 'bob@example.com')).join('\n')
    expect(alice).toContain('alice buys milk')
    expect(alice).toContain('alice pays rent')
    expect(alice).not.toContain('bob')
    expect(bob).toContain('bob walks the dog')
    expect(bob).not.toContain('alice')
  })

  it('sends a broadcast that arrives in the listening columns', async () => {
    const form = page.getByTestId('rt-broadcast-form')
    await form.getByLabel('Broadcast event').fill('ping')
    await form.getByLabel('Broadcast payload').fill('{ "text": "standup in 5" }')
    await form.getByRole('button', { name: 'Send broadcast' }).click()
    await expect.poll(() => form.getByTestId('rt-broadcast-result').textContent()).toBe('Sent on realtime:public:todos to 2 connections.')
    for (const email of ['alice@example.com', 'bob@example.com']) {
      const frame = column(page, email).locator('[data-testid="rt-frame"][data-kind="broadcast"]')
      await frame.waitFor()
      expect(await frame.textContent()).toContain('ping')
      expect(await frame.textContent()).toContain('standup in 5')
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'realtime-listen.png') })
    await check(page, 'realtime-listen', 'light')
  })

  it('shows an inserted row with its delivery decisions: received by its owner, refused by RLS for the other', async () => {
    await db.query(`INSERT INTO public.todos (owner, title) VALUES ($1, 'alice files taxes')`, [ALICE])
    await page.getByTestId('rt-tab-changes').click()
    await page.getByLabel('Search changes').fill('files taxes')
    const row = page.locator('[data-testid="rt-change-row"][data-table="public.todos"]')
    await expect.poll(() => row.count()).toBe(1)
    await expect.poll(() => row.textContent()).toContain('1 received · 1 refused by RLS')
    await row.click()
    const detail = page.getByTestId('rt-change-detail')
    await expect.poll(() => detail.locator('[data-outcome]').count()).toBe(2)
    expect(await detail.locator('[data-outcome="delivered"]').getAttribute('data-identity')).toBe('alice@example.com')
    expect(await detail.locator('[data-outcome="refused_rls"]').getAttribute('data-identity')).toBe('bob@example.com')
    expect(await detail.getByTestId('rt-row-compare').textContent()).toContain('alice files taxes')
  })

  it('shows an update with old and new rows side by side, the changed column highlighted', async () => {
    await db.query(`UPDATE public.todos SET done = true WHERE title = 'alice files taxes'`)
    await page.getByLabel('Search changes').fill('')
    await page.locator('.rt-chips').getByRole('button', { name: 'UPDATE' }).click()
    const row = page.locator('[data-testid="rt-change-row"][data-type="UPDATE"]')
    await expect.poll(() => row.count()).toBe(1)
    await row.click()
    const compare = page.getByTestId('rt-row-compare')
    await expect.poll(() => compare.locator('tr[data-changed]').allTextContents()).toEqual(['donefalsetrue'])
    await expect.poll(() => page.getByTestId('rt-decisions').textContent()).toContain('refused by RLS')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'realtime-changes.png') })
    await check(page, 'realtime-changes', 'light')
    await page.locator('.rt-chips').getByRole('button', { name: 'UPDATE' }).click()
  })

  it('says when a table does not deliver, and enables it in one click', async () => {
    await db.query(`INSERT INTO public.audit_log (note) VALUES ('nightly backup')`)
    await page.locator('[data-testid="rt-change-row"][data-table="public.audit_log"]').click()
    const explanation = page.getByTestId('rt-delivery-explanation')
    expect(await explanation.textContent()).toContain('Realtime is off for public.audit_log')
    await page.getByTestId('rt-enable-from-change').click()
    await expect.poll(() => explanation.textContent()).toContain('Realtime is now on for public.audit_log')
    await db.query(`INSERT INTO public.audit_log (note) VALUES ('after enabling')`)
    await page.getByLabel('Search changes').fill('after enabling')
    await expect.poll(() => page.locator('[data-testid="rt-change-row"]').textContent()).toContain('no subscribers')
    await page.getByLabel('Search changes').fill('')
  })

  it('pauses without losing what arrives, then resumes', async () => {
    await page.getByTestId('rt-pause').click()
    const before = await page.getByTestId('rt-shown-count').textContent()
    await db.query(`INSERT INTO public.todos (owner, title) SELECT $1, 'paused ' || g FROM generate_series(1, 3) g`, [BOB])
    await expect.poll(() => page.getByTestId('rt-pause').textContent()).toBe('Resume (3 new)')
    expect(await page.getByTestId('rt-shown-count').textContent()).toBe(before)
    await page.getByTestId('rt-pause').click()
    await page.getByLabel('Search changes').fill('paused')
    await expect.poll(() => page.locator('[data-testid="rt-change-row"]').count()).toBe(3)
    await page.getByLabel('Search changes').fill('')
  })

  it('lists open connections with identity, subscription and events sent, and channels', async () => {
    await page.getByTestId('rt-tab-connections').click()
    const alice = page.locator('[data-testid="rt-connection"][data-identity="alice@example.com"]')
    await alice.waitFor()
    expect(await alice.textContent()).toContain('public.todos')
    // alice buys milk, alice pays rent, alice files taxes (insert and update).
    await expect.poll(() => alice.locator('td').last().textContent()).toBe('4')
    expect(await page.locator('[data-channel="realtime:public:todos"]').textContent()).toContain('2 members')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'realtime-connections.png') })
    await check(page, 'realtime-connections', 'light')
  })

  it('switches realtime on and off for a table from the Tables tab', async () => {
    await page.getByTestId('rt-tab-tables').click()
    const audit = page.getByLabel('Realtime for public.audit_log')
    await expect.poll(() => audit.isChecked()).toBe(true)
    await page.locator('[data-table="public.audit_log"] .rt-switch').click()
    await expect.poll(() => audit.isChecked()).toBe(false)
    const res = await fetch(`${runtime.ready.apiUrl}/api/v1/admin/realtime/tables/public/audit_log`, { headers: { Authorization: `Bearer ${runtime.ready.serviceRoleKey}` } })
    expect((await res.json()).realtime_enabled).toBe(false)
    await page.waitForTimeout(300) // the switch's slide
    await page.screenshot({ path: path.join(SCREENSHOTS, 'realtime-tables.png') })
    await check(page, 'realtime-tables', 'light')
  })

  it('opens the RLS simulator’s explanation as the refused identity', async () => {
    await page.getByTestId('rt-tab-changes').click()
    await page.getByLabel('Search changes').fill('files taxes')
    await page.locator('[data-testid="rt-change-row"][data-type="INSERT"]').click()
    await page.getByTestId('rt-explain-rls').click()
    await page.locator('main[data-view="rls"]').waitFor()
    await expect.poll(() => page.locator('.statusbar').textContent()).toContain('bob@example.com')
    await page.waitForTimeout(1500) // the simulator's explanation loads
    await page.screenshot({ path: path.join(SCREENSHOTS, 'realtime-explain-in-rls.png') })
    await check(page, 'realtime-explain-in-rls', 'light')
    expect(pageErrors).toEqual([])
  })

  it('looks right in dark mode', async () => {
    const dark = await launchBrowser({ viewport: VIEWPORT, colorScheme: 'dark' })
    try {
      const p = await dark.newPage()
      await openInspector(p)
      await listenAs(p, ALICE, 'alice@example.com')
      await listenAs(p, BOB, 'bob@example.com')
      await db.query(`INSERT INTO public.todos (owner, title) VALUES ($1, 'alice in the dark'), ($2, 'bob in the dark')`, [ALICE, BOB])
      await expect.poll(() => changeTexts(p, 'bob@example.com')).toHaveLength(1)
      await p.screenshot({ path: path.join(SCREENSHOTS, 'realtime-listen-dark.png') })
      await check(p, 'realtime-listen', 'dark')
      await p.getByTestId('rt-tab-changes').click()
      await p.getByLabel('Search changes').fill('alice in the dark')
      await p.locator('[data-testid="rt-change-row"]').click()
      // The first page's two columns are still open too: four subscriptions decided.
      await expect.poll(() => p.locator('[data-testid="rt-change-detail"] [data-outcome]').count()).toBe(4)
      await p.getByLabel('Search changes').fill('')
      await p.screenshot({ path: path.join(SCREENSHOTS, 'realtime-changes-dark.png') })
      await check(p, 'realtime-changes', 'dark')
    } finally {
      await dark.close()
    }
  })
})
