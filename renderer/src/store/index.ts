// renderer/src/store/index.ts — the studio's one zustand store, assembled from typed slices. React
// components read it through useStudioStore(selector), one field per selector; non-React code
// (pollers, bootstrapping) uses studioStore directly. It also gives api/ its connection (token, identity,
// service-role key): api/ is a leaf that never imports the store.
import { createStore, useStore } from 'zustand'
import { configureStudioApi } from '../api/studio-connection'
import { createConnectionSlice } from './connection-slice'
import { createNavigationSlice } from './navigation-slice'
import { createIdentitySlice } from './identity-slice'
import { createRlsSlice } from './rls-slice'
import { createStorageSlice } from '../features/storage/storage-slice'
import { createSqlSlice } from '../features/sql/sql-slice'
import { createAuthSlice } from '../features/auth/auth-slice'
import { createLogsSlice } from '../features/logs/logs-slice'
import { createTablesSlice } from './tables-slice'
import { createRealtimeSlice } from '../features/realtime/realtime-slice'
import type { StudioState } from './studio-state'

export type { StudioState } from './studio-state'

export function createStudioStore() {
  return createStore<StudioState>()((...args) => ({
    ...createConnectionSlice(...args),
    ...createNavigationSlice(...args),
    ...createIdentitySlice(...args),
    ...createTablesSlice(...args),
    ...createRlsSlice(...args),
    ...createStorageSlice(...args),
    ...createSqlSlice(...args),
    ...createAuthSlice(...args),
    ...createLogsSlice(...args),
    ...createRealtimeSlice(...args),
  }))
}

export const studioStore = createStudioStore()

configureStudioApi({
  baseUrl: '',
  getToken: () => studioStore.getState().token,
  getIdentityToken: () => studioStore.getState().identity.accessToken,
  getServiceRoleKey: () => studioStore.getState().status?.serviceRoleKey ?? null,
})

export function useStudioStore<Selected>(selector: (state: StudioState) => Selected): Selected {
  return useStore(studioStore, selector)
}
