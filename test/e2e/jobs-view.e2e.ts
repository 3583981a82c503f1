// test/e2e/jobs-view.e2e.ts — the Jobs view in headless Chromium against a real headless runtime with a jobs folder
// on real Deno: job functions with a broken one and a schedule (next run, pause/resume); a job submitted from the
// view as a signed-up user runs to completed with its progress, result and log lines; cancel on a slow one; axe
// clean in both themes; screenshots at both sizes. Then a bare runtime: the view names --jobs-dir.
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

const EMAIL = 'alice-jobs@acme.test'
// The status bar's identity chip (shell, not this view) is under 4.5:1 when a user is active: reported to its owner.
const SHELL_PILL = { exclude: ['.statusbar__identity'] }
const JOBS: Record<string, string> = {
  'count.ts': `export async function handler(req, fluxbase, service, job) {
  const { n } = await req.json()
  job.reportProgress(50, 'half way')
  console.log('counting to', n)
  return { counted: n }
}`,
  'slow.ts': `export async function handler(req, a, b, job) {
  job.reportProgress(10, 'waiting to be cancelled')
  while (!job.checkCancellation()) await new Promise((r) => setTimeout(r, 50))
  return 'stopped'
}`,
  'nightly.ts': `// @fluxbase:schedule 0 2 * * *
export function main(payload) { return payload }`,
  'bad-job.ts': `export function handler( {`,
}

describe('jobs view', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  let jobsDir: string
  let pageErrors: string[]

  beforeAll(async () => {
    jobsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-e2e-jobs-'))
    for (const [file, code] of Object.entries(JOBS)) fs.writeFileSync(path.join(jobsDir, file), code)
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime({ args: ['--jobs-dir', jobsDir] }), launchBrowser({ viewport: { width: 1440, height: 900 } })])
    const signup = await fetch(`${new URL(runtime.ready.studioUrl).origin}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', apikey: runtime.ready.anonKey },
      body: JSON.stringify({ email: EMAIL, password: 'correct-horse-42' }),
    })
    expect(signup.status).toBe(201)
    page = await browser.newPage()
    pageErrors = collectPageErrors(page)
    await openView(page, runtime.ready.studioUrl, 'jobs')
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await runtime?.stop()
    if (jobsDir) fs.rmSync(jobsDir, { recursive: true, force: true })
  })

  it('lists job functions: a broken one with its error, a schedule with its next run, pause and resume', async () => {
    await page.getByTestId('job-function-count').waitFor({ timeout: 30_000 })
    const rows = page.getByTestId('job-function-rows')
    await expect.poll(() => rows.locator('tr', { hasText: 'bad-job' }).textContent(), { timeout: 20_000 }).toContain('error')
    expect(await page.getByTestId('job-function-bad-job').textContent()).toMatch(/bad-job\.ts/)
    const nightly = rows.locator('tr', { hasText: 'nightly' })
    expect(await nightly.textContent()).toContain('0 2 * * *')
    expect(await nightly.textContent()).toContain('next')
    await page.getByRole('button', { name: 'Pause schedule of nightly' }).click()
    await expect.poll(() => nightly.textContent()).toContain('paused')
    await page.getByRole('button', { name: 'Resume schedule of nightly' }).click()
    await expect.poll(() => nightly.textContent()).toContain('next')
  })

  it('submits a job as a signed-up user; it runs to completed with its result and logs', async () => {
    await page.getByTestId('identity-chip').click()
    await page.getByLabel('Search users').fill(EMAIL)
    await page.locator('.idp-user', { hasText: EMAIL }).getByRole('button').click()
    await expect.poll(() => page.getByTestId('identity-chip').textContent()).toContain(EMAIL)
    await page.keyboard.press('Escape')
    expect(await page.getByTestId('submit-identity').textContent()).toBe(EMAIL)
    await page.getByTestId('submit-function').click()
    await page.getByRole('option', { name: 'count' }).click()
    await page.getByTestId('submit-payload').fill('{ "n": 7 }')
    await page.getByTestId('submit-button').click()
    const detail = page.getByTestId('job-detail')
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 30_000 }).toBe('completed')
    await expect.poll(() => page.getByTestId('job-result').textContent()).toContain('"counted": 7')
    await expect.poll(() => page.getByTestId('job-logs').textContent()).toContain('counting to 7')
    expect(await detail.textContent()).toContain(EMAIL)
    // The queue filtered by function and status shows it.
    await page.getByTestId('queue-status').click()
    await page.getByRole('option', { name: 'completed' }).click()
    await expect.poll(() => page.getByTestId('queue-rows').textContent()).toContain('count')
    await expect.poll(() => page.getByTestId('queue-range').textContent()).toBe('1–1 of 1')
    await expectNoSeriousA11yViolations(page, 'jobs, completed, light', SHELL_PILL)
    await screenshotAtSizes(page, 'jobs-completed')
  })

  it('cancels a slow job from its detail', async () => {
    await page.getByTestId('queue-status').click()
    await page.getByRole('option', { name: 'All statuses' }).click()
    await page.getByRole('button', { name: 'Run slow now' }).click()
    const detail = page.getByTestId('job-detail')
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 30_000 }).toBe('running')
    await expect.poll(() => page.getByTestId('job-progress').textContent()).toContain('waiting to be cancelled')
    await screenshotAtSizes(page, 'jobs-running')
    await page.getByTestId('job-cancel').click()
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled')
    expect(await page.getByTestId('job-retry').isEnabled()).toBe(true)
  })

  it('is axe clean in the dark theme; the actions are keyboard reachable', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForTimeout(300)
    await expectNoSeriousA11yViolations(page, 'jobs, dark', SHELL_PILL)
    await screenshotAtSizes(page, 'jobs-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByTestId('job-retry').focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('job-resubmit')
    expect(pageErrors).toEqual([])
  })
})

describe('jobs view, jobs off', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser

  beforeAll(async () => {
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser()])
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await runtime?.stop()
  })

  it('names --jobs-dir', async () => {
    const page = await browser.newPage()
    await openView(page, runtime.ready.studioUrl, 'jobs')
    await expect.poll(() => page.getByTestId('jobs-off-hint').textContent()).toContain('--jobs-dir')
    await expectNoSeriousA11yViolations(page, 'jobs off, light')
    await screenshotAtSizes(page, 'jobs-off')
  })
})
