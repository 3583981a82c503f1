// The log viewer's pure parts: filters → the server's query parameters (a request id alone when one is open,
// identity as user_id or role, levels from a minimum, relative time ranges), what makes filters unusable, the
// tail's line layout (request id in its fixed, clickable column), and the slice's memory cap.
import { describe, expect, it } from 'vitest'
import { createStore } from 'zustand'
import { DEFAULT_FILTERS, activeFilterCount, filterParams, filterProblem, levelsFrom } from '../../../renderer/src/features/logs/log-filters'
import { REQUEST_COLUMN, clockTime, identityOf, requestToken, tailLine } from '../../../renderer/src/features/logs/log-line'
import { createLogsSlice, LOG_MEMORY_CAP, type LogsSlice } from '../../../renderer/src/features/logs/logs-slice'
import { stripAnsi } from '../../../renderer/src/components/terminal/ansi'
import type { LogEntry } from '../../../contract/studio-logs'
import type { StudioState } from '../../../renderer/src/store/studio-state'

const NOW = Date.parse('2026-01-10T12:00:00Z')

describe('log filters', () => {
  it('become the server query parameters', () => {
    const q = filterParams({ ...DEFAULT_FILTERS, categories: ['http', 'postgres'], minLevel: 'warn', status: '5xx', identity: 'authenticated', path: '/api/v1/tables', search: 'boom', range: '15m' }, NOW)
    expect(Object.fromEntries(q)).toEqual({
      category: 'http,postgres',
      level: 'warn,error,fatal',
      status: '5xx',
      role: 'authenticated',
      path: '/api/v1/tables',
      search: 'boom',
      start_time: '2026-01-10T11:45:00.000Z',
      hide_studio: 'true',
    })
    expect(filterParams({ ...DEFAULT_FILTERS, identity: '11111111-2222-3333-4444-555555555555', search: 'a|b', regex: true }, NOW).toString()).toBe(
      'user_id=11111111-2222-3333-4444-555555555555&regex=a%7Cb&hide_studio=true',
    )
    // The switch "Studio traffic" on: nothing is left out.
    expect(filterParams({ ...DEFAULT_FILTERS, showStudio: true }, NOW).toString()).toBe('')
  })

  it("asks for a request's lines by its id alone, whatever else is set", () => {
    expect(filterParams({ ...DEFAULT_FILTERS, categories: ['http'], search: 'x', requestId: 'abc' }, NOW).toString()).toBe('request_id=abc')
  })

  it('says why filters cannot be sent', () => {
    expect(filterProblem({ ...DEFAULT_FILTERS, search: '(', regex: true })).toMatch(/not a valid regular expression/)
    expect(filterProblem({ ...DEFAULT_FILTERS, search: '(', regex: false })).toBeUndefined()
    expect(filterProblem({ ...DEFAULT_FILTERS, status: '45' })).toBe('Status must be like 404 or 4xx, not "45"')
    expect(filterProblem({ ...DEFAULT_FILTERS, range: 'custom', from: '2026-01-02T00:00', to: '2026-01-01T00:00' })).toBe('The time range ends before it starts')
  })

  it('counts what narrows the view, and levels from a minimum', () => {
    expect(activeFilterCount(DEFAULT_FILTERS)).toBe(0)
    expect(activeFilterCount({ ...DEFAULT_FILTERS, status: '404', path: '/x' })).toBe(2)
    expect(levelsFrom('all')).toBeUndefined()
    expect(levelsFrom('error')).toEqual(['error', 'fatal'])
  })
})

const entry = (over: Partial<LogEntry> = {}): LogEntry => ({
  id: 1,
  timestamp: '2026-01-10T12:00:00.123Z',
  category: 'http',
  level: 'error',
  message: 'GET /api/v1/tables/public/t → 500 (3ms)',
  request_id: 'a1b2c3d4e5f60718',
  user_id: 'u-1',
  fields: { status_code: 500, duration_ms: 3, role: 'authenticated' },
  ...over,
})

describe('tail lines', () => {
  it('puts the request id in its fixed column, then the message and the identity', () => {
    const line = stripAnsi(tailLine(entry()))
    expect(line.slice(0, 12)).toBe(clockTime('2026-01-10T12:00:00.123Z'))
    expect(line.slice(13, 18)).toBe('ERROR')
    expect(line.slice(19, 28).trim()).toBe('http')
    expect(line.slice(REQUEST_COLUMN.start, REQUEST_COLUMN.start + REQUEST_COLUMN.width)).toBe('a1b2c3d4e5f60718')
    expect(line.slice(REQUEST_COLUMN.start + REQUEST_COLUMN.width + 1)).toBe('GET /api/v1/tables/public/t → 500 (3ms)  authenticated · u-1')
  })

  it('cuts long custom request ids for the column, and indents continuation lines of a message', () => {
    expect(requestToken('x'.repeat(40))).toBe('x'.repeat(15) + '…')
    const line = stripAnsi(tailLine(entry({ request_id: undefined, message: 'STATEMENT:  SELECT 1\nFROM t' })))
    expect(line.split('\r\n')[1]).toBe(' '.repeat(REQUEST_COLUMN.start + REQUEST_COLUMN.width + 1) + 'FROM t  authenticated · u-1')
    expect(identityOf(entry({ user_id: undefined, fields: {} }))).toBe('')
  })
})

describe('logs slice', () => {
  const store = () => createStore<StudioState>()((...args) => ({ ...(createLogsSlice(...args) as LogsSlice) }) as unknown as StudioState)

  it('keeps at most the newest LOG_MEMORY_CAP entries and counts what was appended', () => {
    const s = store()
    s.getState().logsReplaced([entry({ id: 1 })], 1, false)
    const batch = Array.from({ length: LOG_MEMORY_CAP + 5 }, (_, i) => entry({ id: i + 2 }))
    s.getState().logsAppended(batch)
    const { logEntries, logAppended, logHasOlder, logTotal } = s.getState()
    expect(logEntries.length).toBe(LOG_MEMORY_CAP)
    expect(logEntries[logEntries.length - 1].id).toBe(LOG_MEMORY_CAP + 6)
    expect(logAppended).toBe(LOG_MEMORY_CAP + 5)
    expect(logHasOlder).toBe(true)
    expect(logTotal).toBe(LOG_MEMORY_CAP + 6)
  })

  it('shows one request and goes back to the filters before it', () => {
    const s = store()
    s.getState().setLogFilters({ categories: ['http'], search: 'x' })
    s.getState().showRequest('req-9')
    expect(s.getState().logFilters).toEqual({ ...DEFAULT_FILTERS, requestId: 'req-9' })
    expect(s.getState().logMode).toBe('table')
    s.getState().leaveRequest()
    expect(s.getState().logFilters).toEqual({ ...DEFAULT_FILTERS, categories: ['http'], search: 'x' })
  })
})
