// test/e2e/tables.e2e.ts — the Tables feature in headless Chromium against a real headless runtime: the table list,
// paging, sorting and filtering through the REST API, typed cells, staged edits reviewed as the exact REST call,
// inserts and deletes (how many rows, as whom), server errors in place, foreign keys both ways, the structure tab,
// the create-table dialog, copying rows, and writes under a non-service identity. Screenshots land in
// test/e2e/screenshots/ (tables-*.png).
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSeriousA11yViolations } from './helpers/axe'
import { launchBrowser, type TestBrowser } from './helpers/browser'
import { startHeadlessRuntime, type HeadlessRuntime } from './helpers/headless-runtime'
import { screenshotAtSizes } from './helpers/screenshots'
import { startOnTables, tableGrid } from './helpers/table-grid'

const SCREENSHOTS = path.resolve('test/e2e/screenshots')

const SEED = `
  CREATE TABLE authors (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, email text);
  CREATE TABLE posts (
    id bigserial PRIMARY KEY, author_id bigint REFERENCES authors(id), title text NOT NULL, body text, meta jsonb,
    tags text[], published boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE items (id bigserial PRIMARY KEY, n integer NOT NULL, label text);
  CREATE TABLE notes (id bigserial PRIMARY KEY, body text);
  INSERT INTO authors (name, email) VALUES ('Ada', 'ada@example.com'), ('Grace', NULL), ('Linus', ''), ('Margaret', 'm@example.com');
  INSERT INTO posts (author_id, title, body, meta, tags, published) VALUES
    (1, 'Hello', 'First post', '{"views": 3, "nested": {"ok": true}}', '{a,b}', true),
    (2, 'Compilers', repeat('A very long body. ', 40), '{"views": 9}', NULL, false),
    (1, 'Engines', '', NULL, '{}', false);
  INSERT INTO items (n, label) SELECT g % 100, 'item ' || g FROM generate_series(1, 2500) AS g;
  INSERT INTO notes (body) VALUES ('readable by anyone, writable by no app');
  CREATE TABLE counters (id bigint PRIMARY KEY, amount numeric(20,2), data bytea, at timestamptz);
  INSERT INTO counters VALUES (9007199254740993, 12.50, '\\x0102ff', '2026-01-02 03:04:05+00');
  ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
  CREATE POLICY "anyone reads" ON notes FOR SELECT TO anon, authenticated USING (true);
  GRANT SELECT, INSERT, UPDATE, DELETE ON authors, posts, items, notes, counters TO anon, authenticated;
  ANALYZE;
`

describe('tables', () => {
  let runtime: HeadlessRuntime
  let browser: TestBrowser
  let page: Page
  let db: pg.Client
  const pageErrors: string[] = []
  const requests: string[] = []

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true })
    ;[runtime, browser] = await Promise.all([startHeadlessRuntime(), launchBrowser({ viewport: { width: 1440, height: 900 } })])
    db = new pg.Client({ connectionString: runtime.ready.databaseUrl })
    await db.connect()
    await db.query(SEED)
    page = await browser.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    page.on('request', (r: Request) => {
      if (r.url().includes('/api/v1/tables/')) requests.push(`${r.method()} ${decodeURIComponent(new URL(r.url()).pathname + new URL(r.url()).search)}`)
    })
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
  const openTable = (name: string) => tableGrid(page).openTable(name)
  const lastRequest = (fragment: string) => requests.filter((r) => r.includes(fragment)).at(-1) ?? ''
  const waitForRequest = async (fragment: string) => {
    await expect.poll(() => requests.some((r) => r.includes(fragment)), { timeout: 10_000 }).toBe(true)
  }
  const palette = async (command: string) => {
    await page.keyboard.press('Control+k')
    await page.getByPlaceholder('Search views, tables, users and commands…').fill(command)
    await page.keyboard.press('Enter')
  }

  it('lists schemas and tables with estimated rows and RLS badges', async () => {
    await page.locator('[data-table="public.items"]').waitFor()
    expect(await page.locator('[data-table="public.items"] .tb-list__rows').textContent()).toBe('~2.5K')
    expect(await page.locator('[data-table="public.notes"] [data-rls]').getAttribute('data-rls')).toBe('on')
    expect(await page.locator('[data-table="public.notes"] [data-rls]').textContent()).toBe('RLS · 1 policy')
    expect(await page.locator('[data-table="public.authors"] [data-rls]').getAttribute('data-rls')).toBe('off')
    await page.getByLabel('Search tables').fill('auth')
    expect(await page.locator('[data-table^="public."]').count()).toBe(1)
    await page.getByLabel('Search tables').fill('')
  })

  it('opens a table and pages, sorts and filters it through the REST API, counting estimated first', async () => {
    const before = requests.length
    await openTable('items')
    expect(await cell(0, 'id').textContent()).toBe('1')
    // The first read asks for count=estimated: never an exact count(*) on open. (The grid then reads the next
    // block ahead of the scroll, so it is not the last one.)
    const firstRead = requests.slice(before).find((r) => r.includes('/public/items?')) ?? ''
    expect(firstRead).toContain('count=estimated')
    expect(firstRead).toContain('order=id.asc.nullslast')
    const count = page.getByTestId('row-count')
    await expect.poll(() => count.textContent()).toContain('2,500 rows')
    if ((await count.textContent())?.includes('≈')) {
      await count.getByRole('button', { name: 'Count exactly' }).click()
      await expect.poll(() => count.textContent()).toMatch(/^2,500 rows/)
      expect(lastRequest('count=exact')).toContain('limit=0')
    }

    await page.locator('.tb-pager select').selectOption('1000')
    await row(0).waitFor()
    await page.getByTestId('next-page').click()
    await expect.poll(() => page.locator('.tb-pager__range').textContent()).toContain('Rows 1,001–2,000')
    await expect.poll(() => cell(0, 'id').textContent()).toBe('1001')
    expect(lastRequest('offset=1000')).toContain('limit=250')

    // Sort: click → ascending (nulls last, as the SDK sends it), click again → descending; the key keeps pages stable.
    await grid().locator('[data-column="n"] .tb-th__button').click()
    await waitForRequest('order=n.asc.nullslast,id.asc.nullslast')
    await expect.poll(() => cell(0, 'n').textContent()).toBe('0')
    await grid().locator('[data-column="n"] .tb-th__button').click()
    await waitForRequest('order=n.desc,id.asc.nullslast')
    await expect.poll(() => cell(0, 'n').textContent()).toBe('99')

    // Filter: one condition, then an OR group.
    await page.getByTestId('filter-toggle').click()
    const rule = page.getByTestId('filter-rule').first()
    await rule.getByLabel('Column').selectOption('n')
    await rule.getByLabel('Operator').selectOption('eq')
    await rule.getByLabel('Value').fill('42')
    await page.getByTestId('apply-filter').click()
    await waitForRequest('n=eq.42')
    await expect.poll(() => count.textContent()).toMatch(/^25 rows match/)
    expect(new Set(await grid().locator('[data-loaded="true"] [data-column="n"]').allTextContents())).toEqual(new Set(['42']))
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tables-grid-filtered.png') })

    await page.getByTestId('active-filter').locator('.tb-filterline__text').click()
    await page.getByRole('button', { name: 'any (OR)' }).first().click()
    await page.getByRole('button', { name: '+ Condition' }).first().click()
    const second = page.getByTestId('filter-rule').nth(1)
    await second.getByLabel('Column').selectOption('label')
    await second.getByLabel('Operator').selectOption('ilike')
    await second.getByLabel('Value').fill('%item 7')
    expect(await page.locator('.tb-filter__query').textContent()).toContain('or=(n.eq.42,label.ilike.%25item%207)')
    await page.getByTestId('apply-filter').click()
    await waitForRequest('or=(n.eq.42,label.ilike.%item 7)')
    await expect.poll(() => count.textContent()).toMatch(/^26 rows match/)
    await page.getByTestId('active-filter').getByRole('button', { name: 'clear' }).click()
    await expect.poll(() => count.textContent()).not.toContain('match')
  })

  it('reads a block ahead of the scroll, and the rows in view when the sort changes while scrolled down', async () => {
    await openTable('items')
    await grid().evaluate((el) => (el.scrollTop = 600 * 32))
    await row(600).waitFor()
    // Rows 500–749 are in view's block; the next one is read before it is scrolled to.
    await waitForRequest('limit=250&offset=750')
    await grid().locator('[data-column="label"] .tb-th__button').click()
    await waitForRequest('order=label.asc.nullslast,id.asc.nullslast')
    // Same place in the new order: the rows there are read, not left as placeholders.
    await expect.poll(() => grid().evaluate((el) => el.querySelectorAll('.tb-tr[data-loaded="true"]').length)).toBeGreaterThan(20)
    expect(await grid().evaluate((el) => el.scrollTop)).toBe(600 * 32)
  })

  it('draws values by type: NULL apart from empty text, jsonb as a tree, arrays, booleans, long text', async () => {
    await openTable('posts')
    expect(await cell(0, 'published').getAttribute('class')).toContain('tb-look--true')
    expect(await cell(1, 'tags').getAttribute('class')).toContain('tb-look--null')
    expect(await cell(1, 'tags').textContent()).toBe('NULL')
    expect(await cell(2, 'body').getAttribute('class')).toContain('tb-look--empty')
    expect(await cell(2, 'body').getAttribute('title')).toBe('Empty text (not NULL)')
    expect(await cell(0, 'tags').locator('.tb-chip').allTextContents()).toEqual(['a', 'b'])
    await cell(0, 'meta').dblclick()
    const viewer = page.getByTestId('value-viewer')
    await viewer.getByTestId('json-tree').waitFor()
    expect(await viewer.getByTestId('json-tree').textContent()).toContain('nested')
    await viewer.getByRole('button', { name: 'Close', exact: true }).last().click()
    await cell(1, 'body').click()
    await cell(1, 'body').getByRole('button', { name: 'Show the whole body' }).click()
    expect(await page.getByTestId('value-viewer').locator('pre').textContent()).toContain('A very long body. A very long body.')
    await page.keyboard.press('Escape')

    // Numbers JavaScript would round stay exact (and so do the keys that address their rows); bytea, timestamptz.
    await openTable('counters')
    expect(await cell(0, 'id').textContent()).toBe('9007199254740993')
    expect(await cell(0, 'amount').textContent()).toBe('12.50')
    expect(await cell(0, 'data').textContent()).toBe('3 bytes · 0102ff')
    expect(await cell(0, 'at').textContent()).toBe('2026-01-02 03:04:05+00:00')
    await cell(0, 'amount').dblclick()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('99.99')
    await page.keyboard.press('Enter')
    await page.getByTestId('review-changes').click()
    expect(await page.getByTestId('review-panel').locator('.tb-review__path').first().textContent()).toBe('PATCH /api/v1/tables/public/counters?id=eq.9007199254740993')
    await page.getByTestId('review-panel').getByTestId('run-changes').click()
    await page.getByTestId('review-panel').getByText('✓ 1 row updated').waitFor()
    await page.getByTestId('review-panel').getByRole('button', { name: 'Close', exact: true }).last().click()
    expect((await db.query('SELECT amount::text FROM counters WHERE id = 9007199254740993')).rows).toEqual([{ amount: '99.99' }])

    await openTable('posts')
    // Playwright scrolled the grid sideways to reach the meta cell; the screenshots show it from the left.
    await grid().evaluate((el) => el.scrollTo({ left: 0 }))
    await page.waitForTimeout(200)
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tables-grid-light.png') })
    await expectNoSeriousA11yViolations(page, 'tables grid, light')
    await screenshotAtSizes(page, 'tables-grid')
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.waitForTimeout(400) // buttons ease their colours over 120 ms
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tables-grid-dark.png') })
    await expectNoSeriousA11yViolations(page, 'tables grid, dark')
    await screenshotAtSizes(page, 'tables-grid-dark')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('stages an inline edit and shows the exact PATCH before writing it', async () => {
    await openTable('authors')
    await cell(0, 'name').dblclick()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('Ada Lovelace')
    await page.keyboard.press('Enter')
    expect(await cell(0, 'name').getAttribute('class')).toContain('tb-td--staged')
    expect(await page.getByTestId('staged-bar').textContent()).toContain('1 change staged')
    // Nothing written yet.
    expect((await db.query('SELECT name FROM authors WHERE id = 1')).rows[0].name).toBe('Ada')

    await page.getByTestId('review-changes').click()
    const review = page.getByTestId('review-panel')
    expect(await review.locator('.tb-review__path').first().textContent()).toBe('PATCH /api/v1/tables/public/authors?id=eq.1')
    expect(JSON.parse((await review.locator('.tb-review__body').first().textContent()) ?? '')).toEqual({ name: 'Ada Lovelace' })
    expect(await review.getByTestId('review-identity').textContent()).toContain('Runs as service_role')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tables-review.png') })
    await expectNoSeriousA11yViolations(page, 'tables review dialog, light')
    await screenshotAtSizes(page, 'tables-review')
    await review.getByTestId('run-changes').click()
    await review.getByText('✓ 1 row updated').waitFor()
    expect((await db.query('SELECT name FROM authors WHERE id = 1')).rows[0].name).toBe('Ada Lovelace')
    await review.getByRole('button', { name: 'Close', exact: true }).last().click()
    await expect.poll(() => cell(0, 'name').textContent()).toBe('Ada Lovelace')
    expect(await page.getByTestId('staged-bar').count()).toBe(0)
  })

  it("shows the server's own words where a bad edit failed (unique violation, NOT NULL)", async () => {
    await cell(1, 'name').dblclick()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('Ada Lovelace')
    await page.keyboard.press('Enter')
    await page.getByTestId('review-changes').click()
    const review = page.getByTestId('review-panel')
    await review.getByTestId('run-changes').click()
    const error = review.getByRole('alert')
    await error.waitFor()
    expect(await error.textContent()).toContain('duplicate key value violates unique constraint "authors_name_key"')
    expect(await error.textContent()).toContain('Key (name)=(Ada Lovelace) already exists.')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tables-review-error.png') })
    await review.getByRole('button', { name: 'Back to editing' }).click()
    // Still staged, and the row says it failed.
    expect(await page.getByTestId('staged-bar').textContent()).toContain('1 failed')
    expect(await row(1).getAttribute('class')).toContain('tb-tr--failed')
    await page.getByRole('button', { name: 'Discard all' }).click()

    // NOT NULL: Ctrl+Backspace in the editor stages NULL.
    await cell(2, 'name').dblclick()
    await page.keyboard.press('Control+Backspace')
    expect(await cell(2, 'name').textContent()).toBe('NULL')
    await page.getByTestId('review-changes').click()
    await review.getByTestId('run-changes').click()
    await review.getByRole('alert').waitFor()
    expect(await review.getByRole('alert').textContent()).toContain('null value in column "name" of relation "authors" violates not-null constraint')
    await review.getByRole('button', { name: 'Back to editing' }).click()
    await page.getByRole('button', { name: 'Discard all' }).click()
    expect((await db.query('SELECT count(*)::int AS n FROM authors WHERE name IS NULL')).rows[0].n).toBe(0)
  })

  it('inserts a row from the form (defaults shown) and deletes exactly the selected keys, saying how many and as whom', async () => {
    await page.getByTestId('insert-row').click()
    const form = page.getByTestId('insert-form')
    expect(await form.locator('[data-column="id"] input').getAttribute('placeholder')).toContain("default: nextval('authors_id_seq'::regclass)")
    expect(await form.locator('[data-column="name"] input').getAttribute('placeholder')).toBe('required: NOT NULL and no default')
    await form.locator('[data-column="name"] input').fill('Barbara')
    await form.locator('[data-column="email"] input').fill('barbara@example.com')
    await page.getByTestId('stage-insert').click()
    expect(await page.getByTestId('staged-bar').textContent()).toContain('name = Barbara')
    await page.getByTestId('review-changes').click()
    const review = page.getByTestId('review-panel')
    expect(await review.locator('.tb-review__path').first().textContent()).toBe('POST /api/v1/tables/public/authors')
    expect(JSON.parse((await review.locator('.tb-review__body').first().textContent()) ?? '')).toEqual({ name: 'Barbara', email: 'barbara@example.com' })
    await review.getByTestId('run-changes').click()
    await review.getByText('✓ 1 row inserted').waitFor()
    await review.getByRole('button', { name: 'Close', exact: true }).last().click()
    expect((await db.query("SELECT email FROM authors WHERE name = 'Barbara'")).rows).toEqual([{ email: 'barbara@example.com' }])

    // Select Linus and Margaret (rows 3 and 4) with a click and a Shift+click, then stage their deletion.
    await row(2).locator('.tb-gutter__n').click()
    await row(3).locator('.tb-gutter__n').click({ modifiers: ['Shift'] })
    await page.getByTestId('delete-rows').click()
    expect(await row(2).getAttribute('class')).toContain('tb-tr--deleted')
    await page.getByTestId('review-changes').click()
    expect(await review.getByTestId('delete-confirmation').textContent()).toBe('Deletes 2 rows, selected by primary key, as service_role. This cannot be undone.')
    expect(await review.locator('.tb-review__path').first().textContent()).toBe('DELETE /api/v1/tables/public/authors?id=in.(3,4)')
    await review.getByTestId('run-changes').click()
    await review.getByText('✓ 2 rows deleted').waitFor()
    await review.getByRole('button', { name: 'Close', exact: true }).last().click()
    expect((await db.query('SELECT name FROM authors ORDER BY id')).rows.map((r) => r.name)).toEqual(['Ada Lovelace', 'Grace', 'Barbara'])
  })

  it('exports the filtered rows as CSV and JSON, and copies selected rows as INSERT statements', async () => {
    // Every row the table holds (fetched page by page), as the current identity, NULL as an empty CSV field.
    await page.getByTestId('export-menu').click()
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).last().click()])
    expect(csv.suggestedFilename()).toBe('public.authors.csv')
    expect(fs.readFileSync(await csv.path(), 'utf8')).toBe('id,name,email\r\n1,Ada Lovelace,ada@example.com\r\n2,Grace,\r\n5,Barbara,barbara@example.com\r\n')
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as JSON' }).last().click()])
    expect(JSON.parse(fs.readFileSync(await json.path(), 'utf8'))[1]).toEqual({ id: 2, name: 'Grace', email: null })
    await page.keyboard.press('Escape')

    await row(0).locator('.tb-gutter__n').click()
    await page.getByTestId('export-menu').click()
    await page.getByTestId('copy-insert').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(
      `INSERT INTO "public"."authors" ("id", "name", "email") VALUES\n  (1, 'Ada Lovelace', 'ada@example.com');\n`,
    )
    await page.keyboard.press('Escape')
  })

  it('follows a foreign key to the referenced row, back again, and lists the rows that reference one', async () => {
    await openTable('posts')
    await cell(0, 'author_id').getByRole('button', { name: 'Open the row author_id refers to' }).click()
    await expect.poll(() => page.locator('.tb-workspace__title').textContent()).toBe('public.authors')
    await waitForRequest('/public/authors?id=eq.1')
    expect(await page.getByTestId('active-filter').textContent()).toContain('id = 1')
    await expect.poll(() => grid().locator('[data-loaded="true"]').count()).toBe(1)
    expect(await cell(0, 'name').textContent()).toBe('Ada Lovelace')

    // The row panel lists the rows elsewhere that point at this one.
    await cell(0, 'name').click()
    await page.getByTestId('row-details').click()
    const refs = page.getByTestId('referenced-by')
    await expect.poll(() => refs.textContent()).toContain('2 rows')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tables-row-panel.png') })
    await expectNoSeriousA11yViolations(page, 'tables row panel, light')
    await screenshotAtSizes(page, 'tables-row-panel')
    await refs.getByRole('button').click()
    await expect.poll(() => page.locator('.tb-workspace__title').textContent()).toBe('public.posts')
    await waitForRequest('/public/posts?author_id=eq.1')
    await expect.poll(() => grid().locator('[data-loaded="true"]').count()).toBe(2)
    await page.getByTestId('fk-back').click()
    await expect.poll(() => page.locator('.tb-workspace__title').textContent()).toBe('public.authors')
  })

  it('shows a table’s structure, adds a column and drops it after showing the SQL', async () => {
    await page.locator('[data-table="public.posts"]').click()
    await page.getByRole('tab', { name: 'Structure' }).click()
    const structure = page.getByTestId('structure-tab')
    await structure.getByRole('region', { name: 'Indexes' }).waitFor()
    expect(await structure.getByRole('region', { name: 'Columns' }).textContent()).toContain('timestamp with time zone')
    expect(await structure.getByRole('region', { name: 'Constraints' }).textContent()).toContain('FOREIGN KEY (author_id) REFERENCES authors(id)')
    expect(await structure.getByRole('region', { name: 'Grants to the API roles' }).textContent()).toContain('anon')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tables-structure.png'), fullPage: true })
    await expectNoSeriousA11yViolations(page, 'tables structure, light')
    await screenshotAtSizes(page, 'tables-structure')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectNoSeriousA11yViolations(page, 'tables structure, dark')
    await page.emulateMedia({ colorScheme: 'light' })

    await structure.getByTestId('add-column').click()
    const form = structure.getByTestId('add-column-form')
    await form.getByLabel('Column name').fill('rating')
    await form.getByLabel('Column type').fill('integer')
    await expect.poll(() => form.getByTestId('add-column-sql').textContent().catch(() => '')).toBe('ALTER TABLE "public"."posts" ADD COLUMN "rating" integer;')
    await form.getByRole('button', { name: 'Add column' }).click()
    await expect.poll(() => structure.getByRole('region', { name: 'Columns' }).textContent()).toContain('rating')

    await structure.getByRole('button', { name: 'Drop column rating' }).click()
    const drop = page.getByTestId('drop-column')
    await expect.poll(() => drop.locator('.tb-sql').textContent().catch(() => '')).toBe('ALTER TABLE "public"."posts" DROP COLUMN "rating";')
    await drop.getByRole('button', { name: 'Drop column' }).click()
    await expect.poll(() => structure.getByRole('region', { name: 'Columns' }).textContent()).not.toContain('rating')
    expect((await db.query("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'posts' AND column_name = 'rating'")).rows[0].n).toBe(0)
  })

  it('creates a table from the palette, with RLS on and grants to anon/authenticated ticked, showing the SQL first', async () => {
    await palette('Create table…')
    const dialog = page.getByTestId('create-table')
    await dialog.getByTestId('create-table-name').fill('projects')
    await dialog.getByTestId('add-create-column').click()
    const third = dialog.getByTestId('create-column').nth(2)
    await third.getByLabel('Column name').fill('owner_id')
    await third.getByLabel('Type').fill('bigint')
    await third.getByLabel('Referenced table').selectOption('public.authors')
    const sql = dialog.getByTestId('create-table-sql')
    await expect.poll(() => sql.textContent().catch(() => '')).toBe(
      'CREATE TABLE "public"."projects" (\n  "id" bigint generated by default as identity PRIMARY KEY,\n  "created_at" timestamptz DEFAULT now() NOT NULL,\n  "owner_id" bigint REFERENCES "public"."authors" ("id")\n);\n' +
        'ALTER TABLE "public"."projects" ENABLE ROW LEVEL SECURITY;\nGRANT SELECT, INSERT, UPDATE, DELETE ON "public"."projects" TO anon, authenticated;',
    )
    // The palette switched to Tables: it still shows the table open before (posts), under the dialog.
    expect(await page.locator('.tb-workspace__title').textContent()).toBe('public.posts')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'tables-create-dialog.png') })
    await expectNoSeriousA11yViolations(page, 'tables create dialog, light')
    await screenshotAtSizes(page, 'tables-create-dialog')
    await dialog.getByTestId('create-table-run').click()
    await expect.poll(() => page.locator('.tb-workspace__title').textContent()).toBe('public.projects')
    await page.locator('[data-table="public.projects"] [data-rls="none"]').waitFor()
    const { rows } = await db.query(
      "SELECT c.relrowsecurity AS rls, has_table_privilege('anon', c.oid, 'INSERT') AS anon, has_table_privilege('authenticated', c.oid, 'SELECT') AS auth FROM pg_class c WHERE c.relname = 'projects'",
    )
    expect(rows).toEqual([{ rls: true, anon: true, auth: true }])
  })

  it('confirms writes made as another identity with its name, and says when RLS let none through', async () => {
    // The RLS simulator's palette command switches the identity (and opens its view): come back to Tables.
    await palette('Act as anon')
    await page.getByTestId('identity-chip').filter({ hasText: 'as anon' }).waitFor()
    await page.locator('[data-feature="tables"]').click()
    await openTable('notes')
    await cell(0, 'body').dblclick()
    await page.keyboard.press('Control+a')
    await page.keyboard.type('changed by anon')
    await page.keyboard.press('Enter')
    await page.getByTestId('review-changes').click()
    const review = page.getByTestId('review-panel')
    expect(await review.getByTestId('review-identity').textContent()).toContain('Runs as anon')
    expect(await review.getByTestId('run-changes').textContent()).toBe('Run 1 call as anon')
    await review.getByTestId('run-changes').click()
    const warning = review.getByRole('status').filter({ hasText: '0 rows updated of 1' })
    await warning.waitFor()
    expect(await warning.textContent()).toContain('1 not visible to anon (RLS)')
    await review.getByRole('button', { name: 'Close', exact: true }).last().click()
    expect((await db.query('SELECT body FROM notes')).rows[0].body).toBe('readable by anyone, writable by no app')
    await palette('Act as service_role')
    await page.getByTestId('identity-chip').filter({ hasText: 'as service_role' }).waitFor()
  })

  it('folds the table list at 1024×700 by keyboard, and its dialogs trap focus and give it back', async () => {
    await page.setViewportSize({ width: 1024, height: 700 })
    await page.locator('[data-feature="tables"]').click()
    await openTable('authors')
    const toggle = page.getByTestId('table-list-toggle')
    // Reached by keyboard (Shift+Tab from the search box), it shows the focus ring.
    await page.getByLabel('Search tables').focus()
    await page.keyboard.press('Shift+Tab')
    expect(await toggle.evaluate((el) => el === document.activeElement && el.matches(':focus-visible') && getComputedStyle(el).outlineStyle !== 'none')).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('[data-table="public.authors"]').count()).toBe(0)
    const grid = await tableGrid(page).grid().boundingBox()
    expect(grid?.x ?? 999).toBeLessThan(320) // the grid took the list's width (272 px → a 50 px rail)
    await screenshotAtSizes(page, 'tables-list-collapsed')
    await expectNoSeriousA11yViolations(page, 'tables list folded, light')

    // The insert form: focus moves in, Tab stays inside, Escape closes and focus returns to "+ Row".
    const insert = page.getByTestId('insert-row')
    await insert.focus()
    await page.keyboard.press('Enter')
    const form = page.getByTestId('insert-form')
    await form.waitFor()
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab')
      expect(await form.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    }
    await page.keyboard.press('Escape')
    await expect.poll(() => form.count()).toBe(0)
    expect(await insert.evaluate((el) => el === document.activeElement)).toBe(true)

    await page.getByTestId('table-list-toggle').click()
    await page.locator('[data-table="public.authors"]').waitFor()
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it('logged no page errors', () => {
    expect(pageErrors).toEqual([])
  })
})
