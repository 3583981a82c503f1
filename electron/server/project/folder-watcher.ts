// project/folder-watcher.ts — calls back shortly after anything in the migrations folder changes (a new file saved,
// one renamed in). Editors write in bursts (temp file, rename, chmod): the burst is folded into one call.
import fs from 'node:fs'

export interface FolderWatcher {
  close(): Promise<void>
}

export function watchFolder(dir: string, onChange: () => void, debounceMs = 40): FolderWatcher {
  let timer: NodeJS.Timeout | undefined
  const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
    if (name && !String(name).endsWith('.sql')) return
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
