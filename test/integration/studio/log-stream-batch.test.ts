// The log viewer's live stream in batch mode (?batch=ms): entries arrive as arrays in `logs` events, in order,
// each event's id being its last entry's (so a reconnect resumes after it), with the replay batched too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestRuntime, type TestRuntime } from '../../helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await startTestRuntime()
})
afterAll(async () => rt?.stop())

interface Event {
  event: string
  id: string
  data: Array<{ id: number; message: string }>
}

function parseEvents(text: string): Event[] {
  return text
    .split('\n\n')
    .map((block) => {
      const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim()
      const data = field('data')
      return data && field('event') ? { event: field('event')!, id: field('id') ?? '', data: JSON.parse(data) } : undefined
    })
    .filter((e): e is Event => !!e)
}

describe('batched log stream', () => {
  it('sends the replay and then new entries as arrays, in order, with the last id as the event id', async () => {
    for (let i = 0; i < 5; i++) rt.ctx.logs.log({ category: 'custom', level: 'info', component: 'batch-test', message: `before ${i}` })
    const ctrl = new AbortController()
    const res = await fetch(`${rt.info.apiUrl}/studio/api/logs/stream?token=${rt.info.studioToken}&category=custom&replay=3&batch=50`, { signal: ctrl.signal })
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    for (let i = 0; i < 2500; i++) rt.ctx.logs.log({ category: 'custom', level: 'info', component: 'batch-test', message: `live ${i}` })
    rt.ctx.logs.log({ category: 'http', level: 'info', message: 'not asked for' })
    let text = ''
    const deadline = Date.now() + 10_000
    while (!text.includes('live 2499') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value)
    ctrl.abort()
    const events = parseEvents(text)
    expect(events.every((e) => e.event === 'logs')).toBe(true)
    const messages = events.flatMap((e) => e.data.map((d) => d.message))
    expect(messages).toEqual([...['before 2', 'before 3', 'before 4'], ...Array.from({ length: 2500 }, (_, i) => `live ${i}`)])
    // Few events for many entries, none larger than the cap; each id is its last entry's.
    expect(events.length).toBeLessThan(50)
    expect(Math.max(...events.map((e) => e.data.length))).toBeLessThanOrEqual(1000)
    for (const e of events) expect(e.id).toBe(String(e.data[e.data.length - 1].id))
  })
})
