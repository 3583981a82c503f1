// renderer/src/shell/use-shortcuts.ts — the shell's global keys: Ctrl/Cmd+K opens the palette, Ctrl/Cmd+digit
// jumps to a feature. Feature-local keys belong to the features.
import { useEffect } from 'react'
import { studioStore } from '../store'
import { FEATURES } from './features'

export function useShellShortcuts(openPalette: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return
      if (e.key.toLowerCase() === 'k') {
        e.preventDefault()
        openPalette()
        return
      }
      const feature = FEATURES.find((f) => f.shortcutDigit !== undefined && String(f.shortcutDigit) === e.key)
      if (feature) {
        e.preventDefault()
        studioStore.getState().navigate(feature.id)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [openPalette])
}
