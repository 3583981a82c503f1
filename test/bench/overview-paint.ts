// test/bench/overview-paint.ts — part of the studio bench: the first paint of the Overview from navigation. Each round
// navigates a fresh page to the studio (HTTP cache off, so the scripts are fetched and compiled as on a first open)
// and times, from navigation start: first-contentful-paint, the frame that shows the Overview's cards (a
// MutationObserver sees them, then rAF + a task: that frame has painted), and the frame that shows the runtime's facts
// (its first status answer). The baseline is the same page with an empty bundle: the studio's own index.html and CSS,
// every script answered with an empty module, timed to the frame after its load event.
import type { Page } from 'playwright-core'
import type { TestBrowser } from '../e2e/helpers/browser.js'
import { fmt, median, spread } from './stats.js'

export const OVERVIEW_TARGET_MS = 300

interface PaintRound {
  fcp: number
  /** The Overview's cards on screen (no runtime facts needed). */
  drawn: number
  /** The runtime's facts (status) on screen. */
  facts: number
}

/** Installed before the page's own scripts: marks the frames we time, relative to navigation start. */
function watchPaints(mode: 'studio' | 'empty'): void {
  const w = window as unknown as { __paint: Record<string, number> }
  w.__paint = {}
  const afterPaint = (name: string) => requestAnimationFrame(() => setTimeout(() => (w.__paint[name] ??= performance.now()), 0))
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') w.__paint.fcp = e.startTime
  }).observe({ type: 'paint', buffered: true })
  if (mode === 'empty') {
    window.addEventListener('load', () => afterPaint('drawn'))
    return
  }
  const seen = new Set<string>()
  const markOnce = (name: string, selector: string) => {
    if (seen.has(name) || !document.querySelector(selector)) return
    seen.add(name)
    afterPaint(name)
  }
  const check = () => {
    markOnce('drawn', '[data-view="overview"] .page--overview .card--runtime')
    markOnce('facts', '.statusbar__db--up')
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] })
}

async function round(page: Page, url: string, mode: 'studio' | 'empty'): Promise<PaintRound> {
  await page.goto(url, { waitUntil: 'load' })
  await page.waitForFunction(
    (m) => {
      const p = (window as unknown as { __paint?: Record<string, number> }).__paint
      return !!p && p.fcp !== undefined && p.drawn !== undefined && (m === 'empty' || p.facts !== undefined)
    },
    mode,
    { timeout: 30_000, polling: 20 },
  ).catch(() => undefined)
  const p = await page.evaluate(() => (window as unknown as { __paint: Record<string, number> }).__paint)
  return { fcp: p.fcp ?? NaN, drawn: p.drawn ?? NaN, facts: p.facts ?? NaN }
}

async function pageFor(browser: TestBrowser, mode: 'studio' | 'empty'): Promise<Page> {
  const page = await browser.newPage()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await page.addInitScript('window.__name = (f) => f')
  await page.addInitScript(() => {
    try {
      localStorage.setItem('fluxbase-studio.view', JSON.stringify({ view: 'overview', viewParams: {} }))
    } catch {
      // No storage: the studio starts on the Overview anyway.
    }
  })
  await page.addInitScript(watchPaints, mode)
  if (mode === 'empty') await page.route(/\.js(\?|$)/, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }))
  return page
}

/** Prints the Overview's paint figures (medians over `runs` rounds after one warm-up) beside the empty-bundle baseline. */
export async function benchOverviewPaint(browser: TestBrowser, studioUrl: string, runs: number): Promise<void> {
  const studio = await pageFor(browser, 'studio')
  const empty = await pageFor(browser, 'empty')
  // The token arrives in the URL's hash once and is kept in sessionStorage; later rounds reload the bare page.
  await round(studio, studioUrl, 'studio')
  const bare = studioUrl.replace(/#.*$/, '')
  await round(empty, bare, 'empty')
  const studioRounds: PaintRound[] = []
  const emptyRounds: PaintRound[] = []
  for (let i = 0; i < runs; i++) {
    // Alternated, so a busy moment on the machine falls on both.
    emptyRounds.push(await round(empty, bare, 'empty'))
    studioRounds.push(await round(studio, bare, 'studio'))
    const s = studioRounds[i]
    console.log(`  overview run ${i + 1}: first contentful paint ${fmt(s.fcp, 0)} ms, Overview painted ${fmt(s.drawn, 0)} ms, runtime facts painted ${fmt(s.facts, 0)} ms · empty bundle: painted ${fmt(emptyRounds[i].drawn, 0)} ms`)
  }
  await studio.close()
  await empty.close()
  const drawn = median(studioRounds.map((r) => r.drawn))
  const baseline = median(emptyRounds.map((r) => r.drawn))
  const d = spread(studioRounds.map((r) => r.drawn))
  console.log(
    `Overview first paint from navigation   median ${fmt(drawn, 0)} ms (min ${fmt(d.min, 0)}, max ${fmt(d.max, 0)}; FCP ${fmt(median(studioRounds.map((r) => r.fcp)), 0)} ms, runtime facts ${fmt(median(studioRounds.map((r) => r.facts)), 0)} ms)   target ≤ ${OVERVIEW_TARGET_MS} ms: ${drawn <= OVERVIEW_TARGET_MS ? 'meets' : 'MISSES'}`,
  )
  console.log(`  baseline (same index.html and CSS, empty bundle): painted ${fmt(baseline, 0)} ms after navigation · the studio's code adds ${fmt(drawn - baseline, 0)} ms (×${fmt(drawn / baseline, 1)})`)
}
