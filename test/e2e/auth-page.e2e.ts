// test/e2e/auth-page.e2e.ts — the Auth page in headless Chromium against a real headless runtime: create a user,
// edit app_metadata (refused while invalid, stored exactly once saved), find them by search, act as them (the
// status bar and the SQL console's prompt follow), revoke sessions, delete; and the local mail inbox showing the
// confirmation of a sign-up made through the API, whose link confirms the account. Screenshots in
// test/e2e/screenshots/.
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
const PASSWORD = 'correct horse battery staple'

describe('Auth page', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  let db: pg.Client
  let pageErrors: string[]

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: { width: 1360, height: 860 } })])
    db = new pg.Client({ connectionString: runtime.ready.databaseUrl })
    await db.connect()
    // A few users already there, so the list has company.
    for (const [email, roles] of [
      ['dave@acme.test', ['viewer']],
      ['erin@acme.test', []],
    ] as const) {
      const res = await fetch(`${runtime.ready.studioUrl.split('/studio/')[0]}/studio/api/auth/users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${new URL(runtime.ready.studioUrl).hash.slice('#token='.length)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD, app_metadata: roles.length ? { roles } : {} }),
      })
      expect(res.status).toBe(201)
    }
    page = await browser.newPage()
    pageErrors = collectPageErrors(page)
    await openView(page, runtime.ready.studioUrl, 'auth')
    await page.getByTestId('auth-page').waitFor()
  })

  afterAll(async () => {
    await db?.end()
    await browser?.close()
    await runtime?.stop()
  })

  const row = (email: string) => page.locator(`[data-testid="user-row"][data-email="${email}"]`)
  const panel = () => page.getByTestId('user-panel')

  it('creates a user with a password and opens them', async () => {
    await row('dave@acme.test').waitFor()
    await page.getByRole('button', { name: 'New user' }).click()
    const dialog = page.getByRole('dialog', { name: 'New user' })
    await dialog.getByLabel('Email').fill('alice@acme.test')
    // The password's rule is said before submit (the runtime's minimum length), and a short one cannot be sent.
    const rule = dialog.locator('.ui-field__rule', { hasText: /At least \d+ characters/ })
    await rule.waitFor()
    const min = Number((await rule.textContent())!.match(/\d+/)![0])
    await dialog.getByLabel('Password').fill('x'.repeat(min - 1))
    expect(await dialog.getByRole('button', { name: 'Create user' }).isDisabled()).toBe(true)
    await expectNoSeriousA11yViolations(page, 'auth, new user dialog, light')
    await screenshotAtSizes(page, 'auth-new-user', { fullPage: false })
    await dialog.getByLabel('Password').fill(PASSWORD)
    await dialog.getByRole('button', { name: 'Create user' }).click()
    await row('alice@acme.test').waitFor()
    await expect.poll(() => panel().locator('.auth-panel__title').textContent()).toBe('alice@acme.test')
    expect(await row('alice@acme.test').textContent()).toContain('confirmed')

    // A taken email is refused in the dialog, in the server's words.
    await page.getByRole('button', { name: 'New user' }).click()
    await dialog.getByLabel('Email').fill('alice@acme.test')
    await dialog.getByRole('button', { name: 'Create user' }).click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/already/i)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
  })

  it('edits app_metadata: refused while invalid, stored exactly once saved, roles shown in the list', async () => {
    const editor = panel().getByTestId('app-metadata-editor')
    await editor.fill('{"roles": ["admin"], "plan": }')
    await expect.poll(() => panel().getByRole('alert').first().textContent()).toMatch(/^Line 1, column \d+: /)
    expect(await panel().getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true)

    await editor.fill('{"roles": ["admin"], "plan": "pro"}')
    // The roles editor reads the same text.
    await panel().getByLabel('Add a role').fill('billing')
    await panel().getByLabel('Add a role').press('Enter')
    await panel().getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => panel().getByRole('status').last().textContent()).toBe('Saved.')
    const stored = await db.query("SELECT app_metadata FROM auth.users WHERE email = 'alice@acme.test'")
    expect(stored.rows[0].app_metadata).toEqual({ roles: ['admin', 'billing'], plan: 'pro' })
    await expect.poll(() => row('alice@acme.test').textContent()).toContain('admin')

    // Deleting a key deletes it (the server merges; the page sends the removal).
    await editor.fill('{"roles": ["admin"]}')
    await panel().getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(async () => (await db.query("SELECT app_metadata FROM auth.users WHERE email = 'alice@acme.test'")).rows[0].app_metadata).toEqual({ roles: ['admin'] })
  })

  it('finds users by search and says when none match', async () => {
    await page.getByLabel('Search users').fill('alice')
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(1)
    await page.getByLabel('Search users').fill('nobody-here')
    await page.getByText('No user matches “nobody-here”.').waitFor()
    await page.getByLabel('Search users').fill('')
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(3)
    await panel().evaluate((el) => el.scrollTo(0, 0))
    await page.screenshot({ path: path.join(SCREENSHOTS, 'auth-users.png') })
    await expectNoSeriousA11yViolations(page, 'auth, users, light')
    await screenshotAtSizes(page, 'auth-users')
    // At 1024×700 with a user open the search box keeps room for an address (it was clipped to a sliver).
    await page.setViewportSize({ width: 1024, height: 700 })
    expect((await page.getByLabel('Search users').boundingBox())!.width).toBeGreaterThanOrEqual(200)
    await page.setViewportSize({ width: 1360, height: 860 })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForTimeout(200)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'auth-users-dark.png') })
    await expectNoSeriousA11yViolations(page, 'auth, users, dark')
    await screenshotAtSizes(page, 'auth-users-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('acts as the user: the status bar and the SQL console run as them', async () => {
    await panel().getByRole('button', { name: 'Act as this user' }).click()
    await expect.poll(() => page.getByTestId('identity-chip').textContent()).toMatch(/^as alice@acme\.test/)
    await panel().getByRole('button', { name: 'Open SQL console' }).click()
    const term = '[data-testid="sql-terminal"]'
    await waitForTerminal(page, term, /^alice@acme\.test=> $|^alice@acme\.test=>$/)
    await page.locator(term).click()
    await page.keyboard.type("select current_user, auth.jwt() -> 'app_metadata' -> 'roles' as roles;")
    await page.keyboard.press('Enter')
    await waitForTerminal(page, term, /^ authenticated\s+\| \["admin"\]$/)
    await page.locator('[data-feature="auth"]').click()
    await panel().getByRole('button', { name: 'Stop acting as' }).click()
    await expect.poll(() => page.getByTestId('identity-chip').textContent()).toMatch(/^as service_role/)
  })

  it('revokes sessions', async () => {
    const signin = await fetch(`${new URL(runtime.ready.studioUrl).origin}/api/v1/auth/signin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', apikey: runtime.ready.anonKey },
      body: JSON.stringify({ email: 'alice@acme.test', password: PASSWORD }),
    })
    expect(signin.status).toBe(200)
    await row('alice@acme.test').click()
    await panel().getByRole('button', { name: 'Revoke sessions' }).click()
    await expect.poll(() => panel().getByRole('status').last().textContent()).toMatch(/^Revoked 1 session/)
  })

  it('shows a sign-up confirmation in the inbox, with a link that confirms the account', async () => {
    await page.getByRole('tab', { name: /Mail inbox/ }).click()
    const confirm = page.getByLabel('Sign-ups must confirm their email')
    if (!(await confirm.isChecked())) await confirm.check()
    await expect.poll(() => confirm.isChecked()).toBe(true)

    const signup = await fetch(`${new URL(runtime.ready.studioUrl).origin}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', apikey: runtime.ready.anonKey },
      body: JSON.stringify({ email: 'bob@acme.test', password: PASSWORD }),
    })
    expect(signup.status).toBe(201)
    // The inbox refreshes by itself.
    const item = page.getByTestId('mail-item').filter({ hasText: 'bob@acme.test' })
    await item.waitFor({ timeout: 10_000 })
    expect(await item.textContent()).toContain('Confirm your signup')
    await item.click()
    const reader = page.getByTestId('mail-reader')
    await reader.waitFor()
    const link = await reader.getByRole('link', { name: 'Open the link' }).getAttribute('href')
    expect(link).toMatch(/token=/)
    // The same link, clickable in the body text.
    expect(await reader.locator('.mail-reader__body a').first().getAttribute('href')).toBe(link)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'auth-mail.png') })

    expect((await db.query("SELECT email_verified FROM auth.users WHERE email = 'bob@acme.test'")).rows[0].email_verified).toBe(false)
    const followed = await fetch(link!, { redirect: 'manual' })
    expect(followed.status).toBeLessThan(400)
    expect((await db.query("SELECT email_verified FROM auth.users WHERE email = 'bob@acme.test'")).rows[0].email_verified).toBe(true)
  })

  it('deletes a user after confirming', async () => {
    await page.getByRole('tab', { name: /Users/ }).click()
    await row('dave@acme.test').click()
    await panel().getByRole('button', { name: 'Delete…' }).click()
    const dialog = page.getByRole('alertdialog', { name: 'Delete dave@acme.test?' })
    await dialog.getByRole('button', { name: 'Delete user' }).click()
    await expect.poll(() => row('dave@acme.test').count()).toBe(0)
    expect((await db.query("SELECT count(*)::int AS n FROM auth.users WHERE email = 'dave@acme.test'")).rows[0].n).toBe(0)
    // The one refusal this test provoked on purpose (the taken email) is the only failed request.
    expect(pageErrors.filter((e) => !/status of 409 \(Conflict\)/.test(e))).toEqual([])
  })
})
