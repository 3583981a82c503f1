// test/e2e/functions-view.e2e.ts — the Functions view in headless Chromium against a real headless runtime with a
// functions folder on real Deno: the list shows a loaded and a broken function (with its file:line); invoking as a
// signed-up user from the status bar shows the reply and that call's log lines; saving the file and invoking again
// shows the new answer (hot reload); axe clean in both themes; screenshots at both sizes. Then a bare runtime: the
// view names the flag that turns functions on.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { screenshotAtSizes } from './helpers/screenshots'
import { collectPageErrors, openView } from './helpers/studio-page'

const EMAIL = 'alice-fn@acme.test'
// The status bar's role pill (shell, not this view) is under 4.5:1 when a user is active: reported to its owner.
const SHELL_PILL = { exclude: ['.statusbar__identity-role'] }
const hello = (greeting: string) => `// @fluxbase:allow-unauthenticated
export async function handler(req) {
  const body = await req.json().catch(() => ({}))
  console.log('${greeting} log for', req.user?.email ?? 'nobody')
  return { greeting: '${greeting}', name: body.name ?? null, email: req.user?.email ?? null }
}`

describe('functions view', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  let fnDir: string
  let pageErrors: string[]

  beforeAll(async () => {
    fnDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-e2e-fn-'))
    fs.writeFileSync(path.join(fnDir, 'hello.ts'), hello('hello'))
    fs.writeFileSync(path.join(fnDir, 'broken.ts'), 'export function handler( { return 1\n')
    fs.writeFileSync(path.join(fnDir, 'boom.ts'), `export function handler() {\n  throw new Error('boom from the function')\n}\n`)
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime({ args: ['--functions-dir', fnDir] }), launchBrowser({ viewport: { width: 1440, height: 900 } })])
    const signup = await fetch(`${new URL(runtime.ready.studioUrl).origin}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', apikey: runtime.ready.anonKey },
      body: JSON.stringify({ email: EMAIL, password: 'correct-horse-42' }),
    })
    expect(signup.status).toBe(201)
    page = await browser.newPage()
    pageErrors = collectPageErrors(page)
    await openView(page, runtime.ready.studioUrl, 'functions')
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await runtime?.stop()
    if (fnDir) fs.rmSync(fnDir, { recursive: true, force: true })
  })

  const pick = (name: string) => page.getByTestId(`function-${name}`).click()

  it('lists a loaded function and a broken one with its file:line', async () => {
    await page.getByTestId('function-hello').waitFor()
    await expect.poll(() => page.getByTestId('function-broken').textContent(), { timeout: 20_000 }).toMatch(/broken\.ts:\d+/)
    const rows = page.getByTestId('function-rows')
    expect(await rows.locator('tr', { hasText: 'hello' }).textContent()).toContain('loaded')
    expect(await rows.locator('tr', { hasText: 'broken' }).textContent()).toContain('error')
    await pick('broken')
    await page.getByTestId('function-error').waitFor()
    expect(await page.getByTestId('function-error').textContent()).toMatch(/broken\.ts:\d+/)
    await expectNoSeriousA11yViolations(page, 'functions, broken, light')
    await screenshotAtSizes(page, 'functions-broken')
  })

  it('invokes as a signed-up user from the status bar and shows the reply and its log lines', async () => {
    await page.getByTestId('identity-chip').click()
    await page.getByLabel('Search users').fill(EMAIL)
    await page.locator('.idp-user', { hasText: EMAIL }).getByRole('button').click()
    await expect.poll(() => page.getByTestId('identity-chip').textContent()).toContain(EMAIL)
    await page.keyboard.press('Escape')
    await pick('hello')
    expect(await page.getByTestId('invoke-identity').textContent()).toBe(EMAIL)
    await page.getByTestId('invoke-button').click()
    await expect.poll(() => page.getByTestId('invoke-status').textContent(), { timeout: 20_000 }).toBe('200')
    const body = await page.getByTestId('invoke-body-out').textContent()
    expect(body).toContain('"greeting": "hello"')
    expect(body).toContain(`"email": "${EMAIL}"`)
    expect(body).toContain('"name": "Functions"')
    await page.getByRole('tab', { name: /Logs/ }).click()
    await expect.poll(() => page.getByTestId('invoke-logs').textContent()).toContain(`hello log for ${EMAIL}`)
    // The call reaches the list of last invocations.
    await expect.poll(() => page.getByTestId('function-executions').textContent()).toContain('200')
    await expectNoSeriousA11yViolations(page, 'functions, invoked, light', SHELL_PILL)
    await screenshotAtSizes(page, 'functions-invoked')
  })

  it('after a save, invoking again shows the new answer (hot reload)', async () => {
    fs.writeFileSync(path.join(fnDir, 'hello.ts'), hello('bonjour'))
    // Within the reload budget the next call runs the new code; poll a few calls on a loaded machine.
    await expect
      .poll(
        async () => {
          await page.getByRole('tab', { name: /Body/ }).click()
          await page.getByTestId('invoke-button').click()
          await page.getByTestId('invoke-button').and(page.locator(':not([disabled])')).waitFor()
          return page.getByTestId('invoke-body-out').textContent()
        },
        { timeout: 20_000, interval: 300 },
      )
      .toContain('"greeting": "bonjour"')
    await page.getByRole('tab', { name: /Logs/ }).click()
    await expect.poll(() => page.getByTestId('invoke-logs').textContent()).toContain('bonjour log for')
  })

  it('a function that throws shows its stack with its own file name', async () => {
    await page.getByTestId('identity-chip').click()
    await page.getByTestId('identity-option-service_role').click()
    await expect.poll(() => page.getByTestId('identity-chip').textContent()).toContain('service_role')
    await page.keyboard.press('Escape')
    await pick('boom')
    await page.getByTestId('invoke-button').click()
    await expect.poll(() => page.getByTestId('invoke-status').textContent(), { timeout: 20_000 }).toBe('500')
    const result = await page.getByTestId('invoke-result').textContent()
    expect(result).toContain('boom from the function')
    expect(result).toMatch(/boom\.ts:\d+/)
  })

  it('is axe clean in the dark theme and keyboard reachable', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForTimeout(300)
    await expectNoSeriousA11yViolations(page, 'functions, dark')
    await screenshotAtSizes(page, 'functions-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByTestId('invoke-body').focus()
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.textContent)
    expect(focused).toBe('invoke-button')
    // The only console error is the browser's line for boom's deliberate 500.
    expect(pageErrors.filter((e) => !e.includes('status of 500'))).toEqual([])
  })
})

describe('functions view, functions off', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser

  beforeAll(async () => {
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser()])
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await runtime?.stop()
  })

  it('names the flag that turns functions on', async () => {
    const page = await browser.newPage()
    await openView(page, runtime.ready.studioUrl, 'functions')
    await expect.poll(() => page.getByTestId('functions-off-hint').textContent()).toContain('--functions-dir')
    await expectNoSeriousA11yViolations(page, 'functions off, light')
    await screenshotAtSizes(page, 'functions-off')
  })
})
