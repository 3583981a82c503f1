// features/logs/use-debounced-field.ts — a text filter typed into an input: kept locally while the user types and
// committed a moment after they stop (or at once on Enter), so each keystroke does not restart the log query.
import { useEffect, useState } from 'react'

export function useDebouncedField(value: string, commit: (value: string) => void, delayMs = 350) {
  const [draft, setDraft] = useState(value)
  // The filters changed elsewhere (cleared, a request opened): show that.
  useEffect(() => setDraft(value), [value])
  useEffect(() => {
    if (draft === value) return
    const timer = setTimeout(() => commit(draft), delayMs)
    return () => clearTimeout(timer)
  }, [draft, value, commit, delayMs])
  return {
    value: draft,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onKeyDown: (e: { key: string }) => {
      if (e.key === 'Enter' && draft !== value) commit(draft)
    },
  }
}
