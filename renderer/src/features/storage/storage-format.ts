// renderer/src/features/storage/storage-format.ts — pure helpers for the Storage page: what a file can be previewed
// as, folder names from prefixes, and dates. No DOM, no store.

export type PreviewKind = 'image' | 'text' | 'none'

export const MAX_IMAGE_PREVIEW_BYTES = 10 * 1024 * 1024
export const TEXT_PREVIEW_BYTES = 256 * 1024

const TEXT_TYPES = /^(text\/|application\/(json|xml|yaml|javascript|x-ndjson|sql|graphql|ld\+json)\b)/

export function previewKind(contentType: string, size: number): PreviewKind {
  const type = contentType.split(';')[0].trim().toLowerCase()
  if (type.startsWith('image/') && size <= MAX_IMAGE_PREVIEW_BYTES) return 'image'
  if (TEXT_TYPES.test(type)) return 'text'
  return 'none'
}

/** "a/b/" inside prefix "a/" → "b". */
export function folderName(prefix: string, parent: string): string {
  return prefix.slice(parent.length).replace(/\/$/, '')
}

/** "a/b/c.txt" → "c.txt". */
export function baseName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1)
}

/** "a/b/" → [{label:"a", prefix:"a/"}, {label:"b", prefix:"a/b/"}]. */
export function breadcrumbs(prefix: string): Array<{ label: string; prefix: string }> {
  const parts = prefix.split('/').filter(Boolean)
  return parts.map((label, i) => ({ label, prefix: parts.slice(0, i + 1).join('/') + '/' }))
}

export function formatDate(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })
}

/** "image/png, image/*" typed in a field → the list the server expects (empty: any type). */
export function parseMimeList(text: string): string[] | null {
  const list = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean)
  return list.length ? list : null
}
