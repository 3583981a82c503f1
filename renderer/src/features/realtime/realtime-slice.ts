// features/realtime/realtime-slice.ts — the `realtime` slice: the inspector's change stream (a bounded buffer with
// its decisions, pause without loss, filters, the selected change) and the "listen as" columns, each a real
// /realtime socket opened as one identity whose frames are kept here, so they survive switching views.
import type { InspectorBatch, RealtimeTableInfo } from '../../../../contract/studio-realtime'
import type { SliceCreator } from '../../store/studio-state'
import { openInspectorStream, openListenerSocket, type ListenerSocket, type ServerFrame, type StreamState } from '../../api/realtime-api'
import { EMPTY_BUFFER, mergeBatch, type ChangeBuffer } from './change-buffer'
import { NO_FILTERS, type ChangeFilters } from './change-filter'
import { isShown, subscribeMessage, type ListenTarget } from './listener-frames'

export type RealtimeTab = 'changes' | 'listen' | 'connections' | 'tables'

export interface ListenerIdentity {
  label: string
  role: string
  /** null: no token at all, as the SDK connects for anon. */
  token: string | null
}

export interface ReceivedFrame {
  n: number
  at: string
  frame: ServerFrame
}

export type ListenerState = 'connecting' | 'subscribing' | 'listening' | 'refused' | 'closed'

export interface Listener {
  id: number
  identity: ListenerIdentity
  target: ListenTarget
  state: ListenerState
  error: string | null
  /** Newest first, at most MAX_FRAMES. */
  frames: ReceivedFrame[]
  received: number
}

/** Frames a column keeps (it counts them all). */
export const MAX_FRAMES = 500

export interface RealtimeSlice {
  rtTab: RealtimeTab
  rtBuffer: ChangeBuffer
  rtStream: StreamState | { phase: 'connecting' } | { phase: 'idle' }
  rtPaused: boolean
  /** What the list shows while paused; the live buffer keeps filling meanwhile. */
  rtFrozen: ChangeBuffer['changes'] | null
  rtArrivedWhilePaused: number
  rtFilters: ChangeFilters
  rtSelectedId: string | null
  /** Realtime's table list (Tables tab, the enable buttons, the listen form), refreshed after each switch. */
  rtTables: RealtimeTableInfo[] | null
  rtListeners: Listener[]
  setRtTab(tab: RealtimeTab): void
  startRtStream(): void
  stopRtStream(): void
  receiveRtBatch(batch: InspectorBatch): void
  setRtPaused(paused: boolean): void
  clearRtChanges(): void
  setRtFilters(filters: Partial<ChangeFilters>): void
  selectRtChange(id: string | null): void
  setRtTables(tables: RealtimeTableInfo[]): void
  addRtListener(identity: ListenerIdentity, target: ListenTarget): void
  removeRtListener(id: number): void
  clearRtListener(id: number): void
}

let closeStream: (() => void) | undefined
const sockets = new Map<number, ListenerSocket>()
let listenerIds = 0

export const createRealtimeSlice: SliceCreator<RealtimeSlice> = (set, get) => {
  function patchListener(id: number, patch: (l: Listener) => Partial<Listener>): void {
    set({ rtListeners: get().rtListeners.map((l) => (l.id === id ? { ...l, ...patch(l) } : l)) })
  }

  function onFrame(id: number, frame: ServerFrame): void {
    if (!isShown(frame)) return
    patchListener(id, (l) => {
      const received = l.received + 1
      const frames = [{ n: received, at: new Date().toISOString(), frame }, ...l.frames].slice(0, MAX_FRAMES)
      let state = l.state
      let error = l.error
      if (l.state === 'subscribing' && frame.type === 'ack') state = 'listening'
      if (l.state === 'subscribing' && frame.type === 'error') {
        state = 'refused'
        error = String(frame.error ?? 'the runtime refused the subscription')
      }
      return { received, frames, state, error }
    })
  }

  return {
    rtTab: 'changes',
    rtBuffer: EMPTY_BUFFER,
    rtStream: { phase: 'idle' },
    rtPaused: false,
    rtFrozen: null,
    rtArrivedWhilePaused: 0,
    rtFilters: NO_FILTERS,
    rtSelectedId: null,
    rtTables: null,
    rtListeners: [],

    setRtTab(tab) {
      set({ rtTab: tab })
    },

    startRtStream() {
      closeStream?.()
      set({ rtStream: { phase: 'connecting' } })
      // Resume where this studio left off: the runtime replays what it captured meanwhile.
      closeStream = openInspectorStream({
        lastEventId: get().rtBuffer.lastId,
        replay: 500,
        onBatch: (batch) => get().receiveRtBatch(batch),
        onState: (state) => set({ rtStream: state }),
      })
    },

    stopRtStream() {
      closeStream?.()
      closeStream = undefined
      set({ rtStream: { phase: 'idle' } })
    },

    receiveRtBatch(batch) {
      const { buffer, added } = mergeBatch(get().rtBuffer, batch)
      set({ rtBuffer: buffer, ...(get().rtPaused && added ? { rtArrivedWhilePaused: get().rtArrivedWhilePaused + added } : {}) })
    },

    setRtPaused(paused) {
      if (paused === get().rtPaused) return
      set(paused ? { rtPaused: true, rtFrozen: get().rtBuffer.changes, rtArrivedWhilePaused: 0 } : { rtPaused: false, rtFrozen: null, rtArrivedWhilePaused: 0 })
    },

    clearRtChanges() {
      // Keep the resume point: clearing the view must not replay what was just cleared.
      const { lastId } = get().rtBuffer
      set({ rtBuffer: { ...EMPTY_BUFFER, decisions: new Map(), lastId }, rtFrozen: get().rtPaused ? [] : null, rtArrivedWhilePaused: 0, rtSelectedId: null })
    },

    setRtFilters(filters) {
      set({ rtFilters: { ...get().rtFilters, ...filters } })
    },

    selectRtChange(id) {
      set({ rtSelectedId: id })
    },

    setRtTables(tables) {
      set({ rtTables: tables })
    },

    addRtListener(identity, target) {
      const id = ++listenerIds
      const listener: Listener = { id, identity, target, state: 'connecting', error: null, frames: [], received: 0 }
      set({ rtListeners: [...get().rtListeners, listener] })
      const socket = openListenerSocket(identity.token, {
        onOpen() {
          patchListener(id, () => ({ state: 'subscribing' }))
          socket.send(subscribeMessage(target))
        },
        onFrame: (frame) => onFrame(id, frame),
        onClose(code, reason) {
          sockets.delete(id)
          patchListener(id, (l) => ({
            state: 'closed',
            // Closed before it ever opened: the upgrade was refused (browsers hide the 401 behind code 1006).
            error:
              l.state === 'connecting'
                ? 'The runtime refused the connection: the token is invalid or has expired. Pick the identity again.'
                : code === 1000
                  ? l.error
                  : `Connection closed${reason ? `: ${reason}` : ` (code ${code})`}.`,
          }))
        },
      })
      sockets.set(id, socket)
    },

    removeRtListener(id) {
      sockets.get(id)?.close()
      sockets.delete(id)
      set({ rtListeners: get().rtListeners.filter((l) => l.id !== id) })
    },

    clearRtListener(id) {
      patchListener(id, () => ({ frames: [], received: 0 }))
    },
  }
}
