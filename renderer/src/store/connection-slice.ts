// renderer/src/store/connection-slice.ts — the `connection` slice: the studio token, the runtime's
// last status, and whether we are currently in touch with it. Written by the status poller, read by
// every component that shows runtime facts.
import type { StudioStatus } from '../../../contract/studio-status'
import type { SliceCreator } from './studio-state'

/**
 * no-token: nothing to authenticate with (page opened without the studio URL);
 * connecting: waiting for the first answer; online: last poll succeeded;
 * reconnecting: polls fail (runtime restarting or gone); unauthorized: the runtime refused our token.
 */
export type ConnectionPhase = 'no-token' | 'connecting' | 'online' | 'reconnecting' | 'unauthorized'

export type ConnectionFailureKind = 'unauthorized' | 'unreachable' | 'http' | 'bad-response'

export interface ConnectionSlice {
  token: string | null
  phase: ConnectionPhase
  /** The last status received; kept while reconnecting so the page does not go blank. */
  status: StudioStatus | null
  /** Date.now() when `status` arrived: uptime ticks on from there. */
  statusReceivedAt: number | null
  /** Words for the latest failure, cleared by the next success. */
  lastFailure: string | null
  tokenResolved(token: string | null): void
  statusReceived(status: StudioStatus, receivedAt: number): void
  statusFailed(kind: ConnectionFailureKind, message: string): void
}

export const createConnectionSlice: SliceCreator<ConnectionSlice> = (set, get) => ({
  token: null,
  phase: 'connecting',
  status: null,
  statusReceivedAt: null,
  lastFailure: null,

  tokenResolved(token) {
    if (!token) {
      set({ token: null, phase: 'no-token' })
      return
    }
    if (token === get().token) return
    set({ token, phase: get().status ? 'reconnecting' : 'connecting', lastFailure: null })
  },

  statusReceived(status, receivedAt) {
    set({ status, statusReceivedAt: receivedAt, phase: 'online', lastFailure: null })
  },

  statusFailed(kind, message) {
    set({ phase: kind === 'unauthorized' ? 'unauthorized' : 'reconnecting', lastFailure: message })
  },
})
