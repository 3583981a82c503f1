// renderer/src/store/studio-state.ts — the shape of the one studio store: the union of its slices,
// and the creator type every slice is written against (so slices can read each other's fields).
import type { StateCreator } from 'zustand'
import type { ConnectionSlice } from './connection-slice'
import type { NavigationSlice } from './navigation-slice'
import type { IdentitySlice } from './identity-slice'
import type { TablesSlice } from './tables-slice'
import type { RlsSlice } from './rls-slice'
import type { StorageSlice } from '../features/storage/storage-slice'
import type { SqlSlice } from '../features/sql/sql-slice'
import type { AuthSlice } from '../features/auth/auth-slice'
import type { LogsSlice } from '../features/logs/logs-slice'
import type { RealtimeSlice } from '../features/realtime/realtime-slice'

export type StudioState = ConnectionSlice & NavigationSlice & IdentitySlice & TablesSlice & RlsSlice & StorageSlice & SqlSlice & AuthSlice & LogsSlice & RealtimeSlice

export type SliceCreator<Slice> = StateCreator<StudioState, [], [], Slice>
