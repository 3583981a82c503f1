// features/auth/auth-slice.ts — the Auth page's state: one page of users (search and offset), the local mail
// inbox, and the auth settings the page shows. Which tab, user and mail are open live in the navigation params
// (navigate('auth', { tab: 'mail', mail })), so other views can link here and a reload reopens them.
import type { AdminUser, AuthSettingsView, MailSummary } from '../../../../contract/studio-auth'
import type { SliceCreator } from '../../store/studio-state'
import * as api from '../../api/auth-api'

export const USERS_PAGE_SIZE = 25

export interface AuthSlice {
  authSearch: string
  authOffset: number
  authUsers: AdminUser[] | null
  authUsersTotal: number
  authUsersLoading: boolean
  authUsersError: string | null
  authMail: MailSummary[] | null
  authMailTotal: number
  authMailError: string | null
  authSettings: AuthSettingsView | null
  authSettingsError: string | null
  /** The tab, user and mail last open, so coming back from the sidebar returns to them. */
  authLastParams: Record<string, string>
  rememberAuthParams(params: Record<string, string>): void
  setAuthSearch(search: string): void
  setAuthOffset(offset: number): void
  loadAuthUsers(): Promise<void>
  /** A user changed (edited, created): replace it in the page without reloading it. */
  authUserChanged(user: AdminUser): void
  loadAuthMail(): Promise<void>
  loadAuthSettings(): Promise<void>
  setRequireEmailConfirmation(on: boolean): Promise<void>
}

let usersRequest: AbortController | undefined
let mailRequest: AbortController | undefined

const words = (err: unknown) => (err instanceof Error ? err.message : String(err))

export const createAuthSlice: SliceCreator<AuthSlice> = (set, get) => ({
  authSearch: '',
  authOffset: 0,
  authUsers: null,
  authUsersTotal: 0,
  authUsersLoading: false,
  authUsersError: null,
  authMail: null,
  authMailTotal: 0,
  authMailError: null,
  authSettings: null,
  authSettingsError: null,
  authLastParams: {},

  rememberAuthParams(params) {
    set({ authLastParams: params })
  },

  setAuthSearch(search) {
    set({ authSearch: search, authOffset: 0 })
    void get().loadAuthUsers()
  },

  setAuthOffset(offset) {
    set({ authOffset: Math.max(0, offset) })
    void get().loadAuthUsers()
  },

  async loadAuthUsers() {
    usersRequest?.abort()
    const request = new AbortController()
    usersRequest = request
    set({ authUsersLoading: true })
    try {
      const { authSearch, authOffset } = get()
      const page = await api.listUsers({ search: authSearch, limit: USERS_PAGE_SIZE, offset: authOffset }, request.signal)
      // Deleting the last user of a page leaves it empty: show the page before instead.
      if (!page.users.length && authOffset > 0 && page.total > 0) {
        set({ authOffset: Math.max(0, Math.floor((page.total - 1) / USERS_PAGE_SIZE) * USERS_PAGE_SIZE) })
        return get().loadAuthUsers()
      }
      set({ authUsers: page.users, authUsersTotal: page.total, authUsersError: null, authUsersLoading: false })
    } catch (err) {
      if ((err as Error).name === 'AbortError') return
      set({ authUsersError: words(err), authUsersLoading: false })
    }
  },

  authUserChanged(user) {
    const list = get().authUsers
    if (list?.some((u) => u.id === user.id)) set({ authUsers: list.map((u) => (u.id === user.id ? user : u)) })
  },

  async loadAuthMail() {
    mailRequest?.abort()
    const request = new AbortController()
    mailRequest = request
    try {
      const page = await api.listMail(200, request.signal)
      set({ authMail: page.messages, authMailTotal: page.total, authMailError: null })
    } catch (err) {
      if ((err as Error).name === 'AbortError') return
      set({ authMailError: words(err) })
    }
  },

  async loadAuthSettings() {
    try {
      set({ authSettings: await api.getAuthSettings(), authSettingsError: null })
    } catch (err) {
      set({ authSettingsError: words(err) })
    }
  },

  async setRequireEmailConfirmation(on) {
    set({ authSettings: await api.patchAuthSettings({ requireEmailConfirmation: on }), authSettingsError: null })
  },
})
