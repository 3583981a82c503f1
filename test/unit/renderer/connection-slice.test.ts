// test/unit/renderer/connection-slice.test.ts — the connection slice's phases, as the status poller
// and the token sources drive them.
import { describe, expect, it } from 'vitest'
import type { StudioStatus } from '../../../contract/studio-status'
import { createStudioStore } from '../../../renderer/src/store'

const STATUS: StudioStatus = {
  apiUrl: 'http://127.0.0.1:8080',
  anonKey: 'anon',
  serviceRoleKey: 'service',
  databaseUrl: 'postgres://postgres:pw@127.0.0.1:5432/postgres',
  postgresVersion: '18.0',
  startedAt: '2026-01-27T14:00:00.000Z',
  uptimeSeconds: 12,
  database: 'up',
  version: '0.1.0',
}

describe('connection slice', () => {
  it('goes connecting → online → reconnecting → online, keeping the last status throughout', () => {
    const store = createStudioStore()
    store.getState().tokenResolved('t1')
    expect(store.getState()).toMatchObject({ token: 't1', phase: 'connecting', status: null })

    store.getState().statusReceived(STATUS, 1_000)
    expect(store.getState()).toMatchObject({ phase: 'online', status: STATUS, statusReceivedAt: 1_000, lastFailure: null })

    store.getState().statusFailed('unreachable', 'no connection')
    expect(store.getState()).toMatchObject({ phase: 'reconnecting', status: STATUS, lastFailure: 'no connection' })

    store.getState().statusReceived({ ...STATUS, uptimeSeconds: 2 }, 9_000)
    expect(store.getState()).toMatchObject({ phase: 'online', lastFailure: null, statusReceivedAt: 9_000 })
    expect(store.getState().status?.uptimeSeconds).toBe(2)
  })

  it('reports a refused token, and reconnects when a new token arrives', () => {
    const store = createStudioStore()
    store.getState().tokenResolved('old')
    store.getState().statusReceived(STATUS, 1)
    store.getState().statusFailed('unauthorized', 'refused')
    expect(store.getState().phase).toBe('unauthorized')

    store.getState().tokenResolved('new')
    expect(store.getState()).toMatchObject({ token: 'new', phase: 'reconnecting', lastFailure: null })
  })

  it('ignores the same token twice and says so when there is none', () => {
    const store = createStudioStore()
    store.getState().tokenResolved('t')
    store.getState().statusReceived(STATUS, 1)
    store.getState().tokenResolved('t')
    expect(store.getState().phase).toBe('online')

    store.getState().tokenResolved(null)
    expect(store.getState()).toMatchObject({ token: null, phase: 'no-token' })
  })
})
