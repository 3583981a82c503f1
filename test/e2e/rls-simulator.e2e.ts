// test/e2e/rls-simulator.e2e.ts — the RLS simulator in headless Chromium against a real headless runtime, on the
// guide's example project: load it, act as bob (the grid shrinks from 3 rows to 1), see what the database sees,
// open the explanation of a hidden row (the failing clause is marked), dry-run a refused insert (named after the
// WITH CHECK of users_own_posts), compare two users (matrix and diff), and try a policy change that makes hidden
// rows visible without committing it. Each state is checked by axe (light and dark, no serious violations) and
// screenshotted at 1440×900 and 1024×700 (test/e2e/screenshots/rls-<state>-<size>.png, plus the tall light/dark
// pictures the before-images were taken as); the apply dialog and the identity popover trap and return focus.
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { screenshotAtSizes } from './helpers/screenshots'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { USERS } from '../fixtures/guide-rls-verdicts'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')

/** Light, then dark, of the same state: axe in each theme, and the light one at both window sizes. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' })
  await page.waitForTimeout(250)
  await expectNoSeriousA11yViolations(page, `RLS ${name}, light`)
  await page.screenshot({ path: path.join(SCREENSHOTS, `rls-${name}.png`) })
  await screenshotAtSizes(page, `rls-${name}`)
  await page.emulateMedia({ colorScheme: 'dark' })
  // Let colour transitions (buttons ease their background) finish before the picture.
  await page.waitForTimeout(400)
  await expectNoSeriousA11yViolations(page, `RLS ${name}, dark`)
  await page.screenshot({ path: path.join(SCREENSHOTS, `rls-${name}-dark.png`) })
  await page.emulateMedia({ colorScheme: 'light' })
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.textContent ?? null)

describe('RLS simulator', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  let db: pg.Client
  const pageErrors: string[] = []

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: { width: 1440, height: 1300 } })])
    db = new pg.Client({ connectionString: runtime.ready.databaseUrl })
    await db.connect()
    page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })
    await page.addInitScript(() => {
      if (!localStorage.getItem('fluxbase-studio.view')) localStorage.setItem('fluxbase-studio.view', JSON.stringify({ view: 'rls', viewParams: {} }))
    })
    await page.goto(runtime.ready.studioUrl)
  })

  afterAll(async () => {
    await db?.end().catch(() => undefined)
    await browser?.close()
    await runtime?.stop()
  })

  const visibleCount = async () => Number(await page.getByTestId('count-visible').textContent())

  it('loads the guide example in one click and opens guide_own.posts as service_role', async () => {
    await page.getByTestId('load-guide').click()
    await page.getByTestId('explain-grid').waitFor()
    expect(await page.getByTestId('rls-table-picker').inputValue()).toBe('guide_own.posts')
    await expect.poll(visibleCount).toBe(3)
    expect(await page.getByTestId('explain-bypass').textContent()).toContain('BYPASSRLS')
    expect(await page.getByTestId('identity-chip').textContent()).toContain('service_role')
  })

  it('opens the identity popover from the keyboard; Escape closes it and gives focus back to the chip', async () => {
    await page.getByTestId('identity-chip').focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('identity-option-bob').waitFor()
    // Focus moved into the popover…
    expect(await page.evaluate(() => !!document.activeElement?.closest('.idp-popover'))).toBe(true)
    await page.keyboard.press('Escape')
    await page.getByTestId('identity-option-bob').waitFor({ state: 'detached' })
    // …and came back to the chip.
    expect(await focusedTestId(page)).toBe('identity-chip')
  })

  it('acts as bob from the status bar: the chip and banner say so, and the grid shrinks to his row', async () => {
    await page.getByTestId('identity-chip').click()
    await page.getByTestId('identity-option-bob').waitFor()
    await shoot(page, 'identity-picker')
    await page.getByTestId('identity-option-bob').click()
    await expect.poll(() => page.getByTestId('identity-chip').textContent()).toContain('bob')
    expect(await page.getByTestId('identity-banner-label').textContent()).toBe('bob')
    await expect.poll(visibleCount).toBe(1)
    expect(await page.getByTestId('count-hidden').textContent()).toBe('2')
    expect(await page.getByTestId('explain-row').count()).toBe(1)
    expect(await page.getByTestId('explain-row').textContent()).toContain("Bob's post")

    // The same read through the app-facing API agrees.
    await page.getByTestId('hidden-rows-hint').getByRole('button', { name: 'Rows hidden by RLS?' }).click()
    await expect.poll(() => page.getByTestId('hidden-rows-count').textContent()).toContain('2 of 3 rows hidden by RLS')
  })

  it('shows what the database sees for bob', async () => {
    await page.getByRole('button', { name: 'What the database sees' }).click()
    await expect.poll(() => page.getByTestId('db-app-user-id').textContent()).toBe(USERS.bob)
    expect(await page.getByTestId('db-current-user').textContent()).toBe('authenticated')
    expect(await page.getByTestId('db-app-role').textContent()).toBe('authenticated')
    await page.getByRole('button', { name: 'Hide what the database sees' }).click()
  })

  it('opens the explanation of a hidden row, with the failing clause marked', async () => {
    await page.getByTestId('show-hidden').check()
    await expect.poll(() => page.getByTestId('explain-row').count()).toBe(3)
    const hidden = page.locator('[data-testid=explain-row][data-visible=false]')
    expect(await hidden.count()).toBe(2)
    await hidden.first().click()
    const explanation = page.getByTestId('row-explanation')
    await explanation.waitFor()
    expect(await explanation.textContent()).toContain('Hidden from bob')
    expect(await explanation.textContent()).toContain('users_own_posts → false')
    // The values the failing clause compares: the row's owner and bob's app.user_id.
    expect(await explanation.getByTestId('values-in-play').textContent()).toContain(USERS.bob)
    expect(await explanation.getByTestId('values-in-play').textContent()).toContain(USERS.alice)
    await shoot(page, 'explain-hidden-row')
  })

  it('dry-runs a refused insert: bob writing a post for alice, stopped by the WITH CHECK of users_own_posts', async () => {
    const before = Number((await db.query('SELECT count(*) AS n FROM guide_own.posts')).rows[0].n)
    await page.getByTestId('rls-tab-dry-run').click()
    const values = page.getByTestId('dry-run-values')
    const submit = page.getByTestId('dry-run-submit')
    // The form writes a template row once the table's columns have loaded (slow on a busy machine): type over it
    // only then, as a person would, so the test never races the template.
    await expect.poll(() => values.inputValue(), { timeout: 45_000, message: "the form's template row after the columns load" }).not.toBe('')
    await values.fill(JSON.stringify({ user_id: USERS.alice, title: 'forged' }, null, 2))
    await expect.poll(() => submit.isEnabled(), { message: `the dry-run button enabled for the values ${JSON.stringify(await values.inputValue())}` }).toBe(true)
    await submit.click()
    const verdict = page.getByTestId('dry-run-verdict')
    await verdict.waitFor()
    expect(await verdict.getAttribute('data-verdict')).toBe('refused')
    expect(await page.getByTestId('dry-run-summary').textContent()).toContain('users_own_posts (WITH CHECK)')
    expect(await verdict.textContent()).toContain('sequences still advance')
    expect(Number((await db.query('SELECT count(*) AS n FROM guide_own.posts')).rows[0].n)).toBe(before)
    await shoot(page, 'dry-run-refused')

    // His own post is allowed, and shown as it would be written.
    await values.fill(JSON.stringify({ user_id: USERS.bob, title: 'mine' }, null, 2))
    await expect.poll(() => submit.isEnabled()).toBe(true)
    await submit.click()
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('allowed')
    expect(await verdict.textContent()).toContain('1 row would be inserted')
  })

  it('fills a user id in the dry-run values by picking the user by e-mail', async () => {
    const res = await fetch(`${runtime.ready.studioUrl.split('/studio/')[0]}/studio/api/auth/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${new URL(runtime.ready.studioUrl).hash.slice('#token='.length)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'carol@example.com', password: 'correct-horse-battery' }),
    })
    expect(res.status).toBe(201)
    const carol = (await db.query(`SELECT id FROM auth.users WHERE email = 'carol@example.com'`)).rows[0].id as string
    // The picker lists users when the tab opens: leave and come back so it reads carol too.
    await page.getByTestId('rls-tab-explain').click()
    await page.getByTestId('rls-tab-dry-run').click()
    const values = page.getByTestId('dry-run-values')
    await values.fill(JSON.stringify({ user_id: USERS.bob, title: 'for carol' }, null, 2))
    await page.getByTestId('dry-run-user-picker').click()
    // Type only once the search field has focus: keys sent while the popover opens are lost.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT')
    await page.keyboard.type('carol')
    await page.getByRole('option', { name: /carol@example\.com/ }).waitFor()
    await page.keyboard.press('Enter')
    await expect.poll(async () => JSON.parse(await values.inputValue())).toEqual({ user_id: carol, title: 'for carol' })
    // Focus went back to the picker, which the keyboard can open again.
    expect(await focusedTestId(page)).toBe('dry-run-user-picker')
  })

  it('compares two users: matrix counts and the rows only one of them sees', async () => {
    await page.getByTestId('rls-tab-compare').click()
    await page.getByTestId('compare-pick-alice').check()
    await page.getByTestId('compare-pick-bob').check()
    await page.getByTestId('compare-run').click()
    await page.getByTestId('compare-matrix').waitFor()
    const row = (label: string) => page.locator(`[data-testid=compare-row][data-label="${label}"]`)
    await expect.poll(() => row('alice').textContent()).toContain('2 rows')
    expect(await row('bob').textContent()).toContain('1 row')
    expect(await row('service_role').textContent()).toContain('3 rows')

    await page.getByTestId('diff-first').selectOption('alice')
    await page.getByTestId('diff-second').selectOption('bob')
    await page.getByTestId('diff-run').click()
    const diff = page.getByTestId('diff-result')
    await diff.waitFor()
    expect(await diff.textContent()).toContain('Only alice sees (2)')
    expect(await diff.textContent()).toContain('Only bob sees (1)')
    expect(await diff.textContent()).toContain('Both see 0 rows')
    await shoot(page, 'compare')
  })

  it('tries a policy change that makes hidden rows visible to bob, without committing it', async () => {
    await page.getByTestId('rls-tab-policies').click()
    const sql = `CREATE POLICY "bob reads alice" ON guide_own.posts FOR SELECT TO authenticated\n  USING (current_setting('app.user_id', true) = '${USERS.bob}');`
    await page.getByTestId('policy-sql').fill(sql)
    await page.getByTestId('what-if-try').click()
    await expect.poll(() => page.getByTestId('what-if-visible').textContent()).toBe('3')
    expect(await page.getByTestId('what-if-grid').getByText('newly visible').count()).toBe(2)
    await page.getByTestId('what-if-banner').waitFor()
    await page.waitForTimeout(300)
    await shoot(page, 'what-if')

    // Explain runs with it too while it is tried…
    await page.getByTestId('rls-tab-explain').click()
    await expect.poll(visibleCount).toBe(3)
    // …and nothing reached the database.
    expect((await db.query(`SELECT count(*) AS n FROM pg_policy WHERE polname = 'bob reads alice'`)).rows[0].n).toBe('0')
    await page.getByTestId('what-if-banner').getByRole('button', { name: 'Stop trying' }).click()
    await expect.poll(visibleCount).toBe(1)
  })

  it('asks before applying a policy: the dialog shows the SQL, starts on Cancel, traps Tab and returns focus', async () => {
    await page.getByTestId('rls-tab-policies').click()
    const open = page.getByTestId('policy-apply')
    await open.click()
    const dialog = page.getByRole('alertdialog', { name: 'Apply this change to the database?' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('bob reads alice')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel')
    await shoot(page, 'apply-dialog')
    // Tab cycles inside the dialog.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role=alertdialog]'))).toBe(true)
    }
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await focusedTestId(page)).toBe('policy-apply')
    expect((await db.query(`SELECT count(*) AS n FROM pg_policy WHERE polname = 'bob reads alice'`)).rows[0].n).toBe('0')
  })

  it('lists advisor findings with their fix SQL', async () => {
    await page.getByTestId('rls-tab-advisor').click()
    await page.getByTestId('advisor-finding').first().waitFor()
    expect(await page.getByTestId('advisor-count').textContent()).toMatch(/\d+ errors?/)
    await shoot(page, 'advisor')
  })

  it('goes back to service_role and the page raised no errors', async () => {
    await page.getByTestId('identity-chip').click()
    await page.getByTestId('identity-option-service_role').click()
    await expect.poll(() => page.getByTestId('identity-chip').textContent()).toContain('service_role')
    expect(pageErrors).toEqual([])
  })
})
