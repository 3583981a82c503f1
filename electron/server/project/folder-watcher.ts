// project/folder-watcher.ts — calls back shortly after anything in the migrations folder changes (a new file saved,
// one renamed in; or, for the policy tests' watch, any migration, seed or test file). Editors write in bursts
// (temp file, rename, chmod): the burst is folded into one call.
import fs from 'node:fs'

export interface FolderWatcher {
  close(): Promise<void>
}

export interface WatchOptions {
  /** Watch the folders inside too (names are then relative paths). */
  recursive?: boolean
  /** Which changed names count (default: *.sql). */
  accept?: (name: string) => boolean
  /** Keep the process alive while watching (a CLI's --watch; a runtime has its server for that). */
  persistent?: boolean
}

const isSql = (name: string) => name.endsWith('.sql')

export function watchFolder(dir: string, onChange: () => void, debounceMs = 40, options: WatchOptions = {}): FolderWatcher {
  let timer: NodeJS.Timeout | undefined
  const accept = options.accept ?? isSql
  const watcher = fs.watch(dir, { persistent: options.persistent ?? false, recursive: options.recursive ?? false }, (_event, name) => {
    if (name && !accept(String(name))) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      onChange()
    }, debounceMs)
  })
  watcher.on('error', () => undefined)
  return {
    async close() {
      if (timer) clearTimeout(timer)
      watcher.close()
    },
  }
}
