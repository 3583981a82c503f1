// The log viewer's full-text and regex search covers an entry's ids as well as its message and fields: a request
// id pasted into the search box finds every line of that request.
import { describe, expect, it } from 'vitest'
import { matchesEntry, parseLogQuery } from '../../../electron/server/logs/log-filter.js'
import type { LogEntry } from '../../../electron/server/logs/log-entry.js'

const entry: LogEntry = { id: 1, timestamp: '2026-01-01T00:00:00.000Z', category: 'postgres', level: 'error', message: 'ERROR:  division by zero', request_id: 'req-abc-1', user_id: 'u-42' }
const matches = (q: Record<string, string>) => matchesEntry(entry, parseLogQuery(q).filter)

describe('log search', () => {
  it('finds an entry by its request id or user id, in text and regex searches', () => {
    expect(matches({ search: 'REQ-ABC' })).toBe(true)
    expect(matches({ search: 'u-42' })).toBe(true)
    expect(matches({ regex: 'req-abc-\\d' })).toBe(true)
    expect(matches({ search: 'division' })).toBe(true)
    expect(matches({ search: 'req-xyz' })).toBe(false)
  })
})
