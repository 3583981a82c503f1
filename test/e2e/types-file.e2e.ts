// test/e2e/types-file.e2e.ts — the Overview's types file card in headless Chromium against a real headless runtime
// started with --types-out: it shows where the file is and when it was last written, and the time moves on after a
// schema change rewrites the file. Screenshot: test/e2e/screenshots/overview-types-file.png.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { collectPageErrors } from './helpers/studio-page'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')

describe('types file on the Overview', () => {
  let appDir: string
  let file: string
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-e2e-app-'))
    file = path.join(appDir, 'src', 'database.types.ts')
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime({ args: ['--types-out', file] }), launchBrowser()])
    page = await browser.newPage()
  })

  afterAll(async () => {
    try {
      await browser?.close()
      await runtime?.stop()
    } finally {
      if (appDir) fs.rmSync(appDir, { recursive: true, force: true })
    }
  })

  it('shows the file and when it was last written, which moves on after a schema change', async () => {
    const errors = collectPageErrors(page)
    await page.goto(runtime.ready.studioUrl)
    const card = page.getByTestId('types-file')
    await card.waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('types-file-path').textContent()).toBe(file)
    const written = page.getByTestId('types-file-written')
    await written.filter({ hasText: /\d\d:\d\d:\d\d/ }).waitFor({ timeout: 15_000 })
    const first = await written.textContent()

    // Clock seconds must move on before the new time can differ from the first one.
    await new Promise((r) => setTimeout(r, 1_100))
    const db = new pg.Client({ connectionString: runtime.ready.databaseUrl })
    await db.connect()
    try {
      await db.query('CREATE TABLE todos (id serial PRIMARY KEY, title text NOT NULL)')
    } finally {
      await db.end()
    }
    await page.waitForFunction(
      ([id, before]) => document.querySelector(`[data-testid="${id}"]`)?.textContent !== before,
      ['types-file-written', first] as const,
      { timeout: 15_000 },
    )
    expect(fs.readFileSync(file, 'utf8')).toContain('export interface TodosRow {')
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview-types-file.png'), fullPage: true })
    expect(errors).toEqual([])
  })
})
