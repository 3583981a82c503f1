// test/bench/page-tasks.ts — the page's long main-thread tasks as Chromium's tracer sees them: wall time and the
// main thread's own CPU time for each. A task can be long on the wall clock while the thread was merely waiting for
// a core (a busy machine); the CPU time says how much of it was the page's work. The trace stays in the browser
// until the end (ReturnAsStream), so collecting it does not compete with what is measured.
import type { Page } from 'playwright-core'

export interface TracedTask {
  wallMs: number
  cpuMs: number
}

interface TraceEvent {
  ph: string
  name: string
  pid: number
  tid: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

const TASK = 'ThreadControllerImpl::RunTask'

/** Starts tracing; the returned stop() resolves to the page's main-thread tasks longer than `minMs` (wall). */
export async function traceLongTasks(page: Page, minMs = 50): Promise<() => Promise<TracedTask[]>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReturnAsStream' })
  return async () => {
    const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve))
    await cdp.send('Tracing.end')
    const { stream } = await complete
    let text = ''
    for (;;) {
      const chunk = (await cdp.send('IO.read', { handle: stream!, size: 4 * 1024 * 1024 })) as { data: string; eof: boolean; base64Encoded?: boolean }
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data
      if (chunk.eof) break
    }
    await cdp.send('IO.close', { handle: stream! })
    await cdp.detach()
    const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[]
    const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? [])
    const renderers = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`))
    // The busiest renderer main thread is the studio's page (others are spare or empty).
    const busy = new Map<string, number>()
    for (const e of events) if (e.ph === 'X' && e.name === TASK && renderers.has(`${e.pid}:${e.tid}`)) busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0))
    const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0]
    return events
      .filter((e) => e.ph === 'X' && e.name === TASK && `${e.pid}:${e.tid}` === main && (e.dur ?? 0) >= minMs * 1000)
      .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }))
  }
}
