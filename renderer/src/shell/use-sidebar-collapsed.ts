// renderer/src/shell/use-sidebar-collapsed.ts — whether the sidebar shows only its icons (issue 23: responsive down to
// 1024×700). Until the user chooses, it follows the window: collapsed below 1200px wide. The user's choice (the
// sidebar's toggle) is kept in localStorage and wins over the width from then on.
import { useCallback, useEffect, useState } from 'react'

const KEY = 'fluxbase-studio.sidebar-collapsed'
const NARROW = '(max-width: 1199px)'

function stored(): boolean | null {
  try {
    const value = localStorage.getItem(KEY)
    return value === null ? null : value === 'true'
  } catch {
    return null
  }
}

export function useSidebarCollapsed(): [boolean, () => void] {
  const [choice, setChoice] = useState<boolean | null>(stored)
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(NARROW).matches)
  useEffect(() => {
    if (typeof matchMedia !== 'function') return
    const query = matchMedia(NARROW)
    const onChange = () => setNarrow(query.matches)
    query.addEventListener('change', onChange)
    return () => query.removeEventListener('change', onChange)
  }, [])
  const collapsed = choice ?? narrow
  const toggle = useCallback(() => {
    const next = !collapsed
    setChoice(next)
    try {
      localStorage.setItem(KEY, String(next))
    } catch {
      // Private windows may refuse storage: the choice then lasts for this page only.
    }
  }, [collapsed])
  return [collapsed, toggle]
}
