// test/e2e/project-view.e2e.ts — the Project view in headless Chromium against a real headless runtime started
// with --project <a temp folder in the Fluxbase CLI layout>: a table created through the studio's create-table
// route appears as a migration file in the list, reset brings back the seed's rows, a snapshot restore brings back
// deleted rows; axe clean in light and dark; screenshots test/e2e/screenshots/project*-{1440x900,1024x700}.png.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { collectPageErrors, openView } from './helpers/studio-page'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { screenshotAtSizes } from './helpers/screenshots'

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  // A new connection each time: reset and restore swap the database under open connections.
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    return (await db.query<T>(sql)).rows
  } finally {
    await db.end()
  }
}

const noteCount = async (url: string) => (await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM public.notes'))[0].n

describe('Project view', () => {
  let root: string
  let runtime: HeadlessRuntime
  let light: TestBrowser
  let dark: TestBrowser
  let page: Page

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-e2e-project-'))
    fs.mkdirSync(path.join(root, 'fluxbase', 'migrations'), { recursive: true })
    fs.writeFileSync(path.join(root, 'fluxbase', 'migrations', '001_notes.up.sql'), 'CREATE TABLE public.notes (id int PRIMARY KEY, body text NOT NULL);\n')
    fs.writeFileSync(path.join(root, 'fluxbase', 'seed.sql'), "INSERT INTO public.notes VALUES (1, 'first seed row'), (2, 'second seed row');\n")
    ;[runtime, light, dark] = await Promise.all([startHeadlessRuntime({ args: ['--project', root] }), launchBrowser(), launchBrowser({ colorScheme: 'dark' })])
    page = await light.newPage()
  })

  afterAll(async () => {
    try {
      await light?.close()
      await dark?.close()
      await runtime?.stop()
    } finally {
      if (root) fs.rmSync(root, { recursive: true, force: true })
    }
  })

  it('lists the folder, shows a studio change as a file, resets to the seed and restores a snapshot', async () => {
    const url = runtime.ready.databaseUrl
    const errors = collectPageErrors(page)
    await openView(page, runtime.ready.studioUrl, 'project')
    const migrations = page.getByTestId('project-migrations')
    await migrations.getByText('001_notes.up.sql').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('project-seeded').textContent()).toContain('seed loaded')
    await page.getByTestId('project-drift').getByText('in sync').waitFor({ timeout: 60_000 })
    await expectNoSeriousA11yViolations(page, 'project, light')
    await screenshotAtSizes(page, 'project')

    // A table created through the studio's own create-table route becomes the next numbered file.
    const token = new URL(runtime.ready.studioUrl).hash.replace(/^#token=/, '')
    const created = await fetch(new URL('/studio/api/ddl/create-table', runtime.ready.studioUrl), {
      method: 'POST',
      headers: { Authorization: `Bearer ${decodeURIComponent(token)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'projects', columns: [{ name: 'id', type: 'int8', primaryKey: true }], run: true }),
    })
    expect(created.status).toBe(200)
    expect(fs.existsSync(path.join(root, 'fluxbase', 'migrations', '002_create_table_projects.up.sql'))).toBe(true)
    await page.getByRole('button', { name: 'Refresh' }).click()
    await migrations.getByText('002_create_table_projects.up.sql').waitFor({ timeout: 15_000 })

    // Reset: rows deleted since the seed come back; the confirmation names what is lost.
    await query(url, 'DELETE FROM public.notes')
    expect(await noteCount(url)).toBe(0)
    await page.getByRole('button', { name: 'Reset database…' }).click()
    const resetDialog = page.getByRole('alertdialog')
    await resetDialog.getByText('storage files, and auth users').waitFor()
    await expectNoSeriousA11yViolations(page, 'project reset dialog, light')
    await resetDialog.getByRole('button', { name: 'Reset database' }).click()
    await resetDialog.waitFor({ state: 'detached', timeout: 60_000 })
    expect(await noteCount(url)).toBe(2)
    // Focus returns to the opener.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Reset database')

    // The view re-checks drift after a reset; the server runs one exclusive operation at a time, so wait for it.
    await page.getByRole('button', { name: 'Check again' }).waitFor({ timeout: 60_000 })
    await page.getByTestId('project-drift').getByText('in sync').waitFor({ timeout: 60_000 })

    // Snapshot: save, delete rows, restore → the rows are back.
    const nameInput = page.getByLabel('Snapshot name')
    await nameInput.fill('bad/name')
    expect(await page.getByRole('button', { name: 'Save snapshot' }).isDisabled()).toBe(true)
    await nameInput.fill('before-delete')
    await page.getByRole('button', { name: 'Save snapshot' }).click()
    const snapshots = page.getByTestId('project-snapshots')
    await snapshots
      .getByText('before-delete')
      .waitFor({ timeout: 60_000 })
      .catch(async (err: Error) => {
        throw new Error(`${err.message}\nthe snapshots panel shows: ${await page.locator('.project-snapshots').innerText()}`)
      })
    await query(url, 'DELETE FROM public.notes')
    await page.getByRole('button', { name: 'Restore before-delete' }).click()
    const restoreDialog = page.getByRole('alertdialog')
    await restoreDialog.getByRole('button', { name: 'Restore snapshot' }).click()
    await restoreDialog.waitFor({ state: 'detached', timeout: 60_000 })
    expect(await noteCount(url)).toBe(2)
    await page.getByRole('button', { name: 'Check again' }).waitFor({ timeout: 60_000 })
    await page.getByTestId('project-drift').getByText('in sync').waitFor({ timeout: 60_000 })
    await screenshotAtSizes(page, 'project-snapshot')

    // Delete, confirmed.
    await page.getByRole('button', { name: 'Delete before-delete' }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete snapshot' }).click()
    await snapshots.getByText('No snapshots').waitFor({ timeout: 30_000 })
    expect(errors).toEqual([])
  }, 300_000)

  it('is axe clean in the dark theme', async () => {
    const darkPage = await dark.newPage()
    await openView(darkPage, runtime.ready.studioUrl, 'project')
    await darkPage.getByTestId('project-drift').getByText('in sync').waitFor({ timeout: 60_000 })
    await expectNoSeriousA11yViolations(darkPage, 'project, dark')
    await screenshotAtSizes(darkPage, 'project-dark')
  }, 120_000)
})
