// features/project/project-format.ts — how the Project view words sizes, times and snapshot-name rules (the rules
// are the server's, project/snapshots.ts, shown before submit so a 400 is the exception).
import type { FieldRule } from '../../components/ui'

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—'
}

export function snapshotNameRules(name: string): FieldRule[] {
  return [
    { text: 'Starts with a letter or digit', met: /^[A-Za-z0-9]/.test(name) },
    { text: 'Only letters, digits, "_", "-" and "." (no slashes, no "..")', met: name.length > 0 && /^[A-Za-z0-9_.-]*$/.test(name) && !name.includes('..') },
    { text: 'At most 63 characters', met: name.length > 0 && name.length <= 63 },
  ]
}
