// test/e2e/external-server.e2e.ts — the Overview on a server the team already runs (--database-url, PostgreSQL 17
// from npm) that is not ready for everything: wal_level = replica, and a role that is not a superuser. The page says
// realtime is off and which setting to change, and that schema changes are learnt without an event trigger.
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { startExternalPostgres, type ExternalPostgres } from '../helpers/external-postgres'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')

describe('Overview on an external server', () => {
  let server: ExternalPostgres
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[server, browser] = await Promise.all([startExternalPostgres(17, { settings: { wal_level: 'replica' } }), launchBrowser()])
    const url = await server.leastPrivilegedUrl('team_admin', 'team_app')
    runtime = await startHeadlessRuntime({ args: ['--database-url', url] })
    page = await browser.newPage()
  })

  afterAll(async () => {
    await browser?.close()
    await runtime?.stop()
    await server?.stop()
  })

  it('names the setting realtime needs and the degraded schema-change notice', async () => {
    await page.goto(runtime.ready.studioUrl)
    const problem = page.getByTestId('realtime-problem')
    await problem.waitFor({ timeout: 15_000 })
    expect(await problem.textContent()).toMatch(/Realtime is off on this server.*wal_level = replica: run ALTER SYSTEM SET wal_level = logical/)
    expect(await page.getByTestId('server-note').textContent()).toMatch(/no DDL event trigger .*"team_admin" is not one/)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'overview-external-server.png'), fullPage: true })
  })
})
