// renderer/src/features/storage/storage-slice.ts — the Storage page's state: the buckets, the open folder (bucket
// and prefix live in the navigation params, so a reload reopens it), the selected file and the uploads in flight.
// Every file action runs as the simulator's identity; a refusal keeps the server's words for the page to show.
import type { SliceCreator } from '../../store/studio-state'
import * as api from '../../api/storage-api'
import type { BucketInfo, FolderListing, NewBucket } from '../../api/storage-api'

export interface UploadItem {
  id: number
  name: string
  /** bucket/key: a later upload of the same file replaces this entry (no old refusal beside a new success). */
  target?: string
  state: 'uploading' | 'done' | 'failed'
  error?: string
}

export interface StorageSlice {
  storageBuckets: BucketInfo[] | null
  storageBucketsError: string | null
  storageFolder: FolderListing | null
  storageFolderLoading: boolean
  storageFolderError: string | null
  storageSelectedKey: string | null
  storageUploads: UploadItem[]
  storageOverwrite: boolean
  /** The folder open last (bucket and prefix), reopened when Storage is entered from the sidebar. */
  storageLastFolder: { bucket: string; prefix: string } | null
  loadStorageBuckets(): Promise<void>
  openStorageFolder(bucket: string, prefix?: string): void
  refreshStorageFolder(): Promise<void>
  selectStorageFile(key: string | null): void
  setStorageOverwrite(value: boolean): void
  uploadStorageFiles(files: File[]): Promise<void>
  deleteStorageFile(key: string): Promise<void>
  createStorageBucket(input: NewBucket): Promise<void>
  deleteStorageBucket(name: string, withFiles: boolean): Promise<void>
}

let uploadIds = 0
let folderRequest: AbortController | undefined

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export const createStorageSlice: SliceCreator<StorageSlice> = (set, get) => ({
  storageBuckets: null,
  storageBucketsError: null,
  storageFolder: null,
  storageFolderLoading: false,
  storageFolderError: null,
  storageSelectedKey: null,
  storageUploads: [],
  storageOverwrite: false,
  storageLastFolder: null,

  async loadStorageBuckets() {
    try {
      set({ storageBuckets: await api.fetchBuckets(), storageBucketsError: null })
    } catch (err) {
      set({ storageBucketsError: message(err) })
    }
  },

  openStorageFolder(bucket, prefix = '') {
    get().navigate('storage', { bucket, prefix })
    set({ storageSelectedKey: null })
    void get().refreshStorageFolder()
  },

  async refreshStorageFolder() {
    const { bucket, prefix = '' } = get().viewParams
    if (!bucket) return set({ storageFolder: null, storageFolderError: null })
    set({ storageLastFolder: { bucket, prefix } })
    folderRequest?.abort()
    const request = new AbortController()
    folderRequest = request
    set({ storageFolderLoading: true })
    try {
      const folder = await api.fetchFolder(bucket, prefix, request.signal)
      set({ storageFolder: folder, storageFolderError: null, storageFolderLoading: false })
    } catch (err) {
      if ((err as Error).name === 'AbortError') return
      set({ storageFolder: null, storageFolderError: message(err), storageFolderLoading: false })
    }
  },

  selectStorageFile(key) {
    set({ storageSelectedKey: key })
  },

  setStorageOverwrite(value) {
    set({ storageOverwrite: value })
  },

  async uploadStorageFiles(files) {
    const { bucket, prefix = '' } = get().viewParams
    if (!bucket || !files.length) return
    const items = files.map((f) => ({ id: ++uploadIds, name: f.name, target: `${bucket}/${prefix}${f.name.normalize('NFC')}`, state: 'uploading' as const }))
    const again = new Set(items.map((i) => i.target))
    set({ storageUploads: [...items, ...get().storageUploads.filter((u) => !u.target || !again.has(u.target))].slice(0, 20) })
    const update = (id: number, patch: Partial<UploadItem>) => set({ storageUploads: get().storageUploads.map((u) => (u.id === id ? { ...u, ...patch } : u)) })
    await Promise.all(
      files.map(async (file, i) => {
        try {
          // macOS hands out decomposed (NFD) names; the server's key rule wants one spelling.
          await api.uploadFile(bucket, prefix + file.name.normalize('NFC'), file, get().storageOverwrite)
          update(items[i].id, { state: 'done' })
        } catch (err) {
          update(items[i].id, { state: 'failed', error: message(err) })
        }
      }),
    )
    await Promise.all([get().refreshStorageFolder(), get().loadStorageBuckets()])
  },

  async deleteStorageFile(key) {
    const { bucket } = get().viewParams
    if (!bucket) return
    await api.deleteFile(bucket, key)
    if (get().storageSelectedKey === key) set({ storageSelectedKey: null })
    await Promise.all([get().refreshStorageFolder(), get().loadStorageBuckets()])
  },

  async createStorageBucket(input) {
    await api.createBucket(input)
    await get().loadStorageBuckets()
    get().openStorageFolder(input.name)
  },

  async deleteStorageBucket(name, withFiles) {
    await api.deleteBucket(name, withFiles)
    if (get().viewParams.bucket === name) {
      get().navigate('storage', {})
      set({ storageFolder: null, storageSelectedKey: null })
    }
    if (get().storageLastFolder?.bucket === name) set({ storageLastFolder: null })
    await get().loadStorageBuckets()
  },
})
