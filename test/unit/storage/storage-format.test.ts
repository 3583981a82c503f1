// Pure helpers of the studio's Storage page: preview kinds, breadcrumbs and folder names, MIME lists.
import { describe, expect, it } from 'vitest'
import { baseName, breadcrumbs, folderName, parseMimeList, previewKind } from '../../../renderer/src/features/storage/storage-format.js'

describe('storage page helpers', () => {
  it('previews images up to 10 MiB and text-like types', () => {
    expect(previewKind('image/png', 1000)).toBe('image')
    expect(previewKind('image/png', 11 * 1024 * 1024)).toBe('none')
    expect(previewKind('text/plain; charset=utf-8', 5)).toBe('text')
    expect(previewKind('application/json', 5)).toBe('text')
    expect(previewKind('application/octet-stream', 5)).toBe('none')
    expect(previewKind('application/pdf', 5)).toBe('none')
  })
  it('names folders and files', () => {
    expect(breadcrumbs('a/b/')).toEqual([{ label: 'a', prefix: 'a/' }, { label: 'b', prefix: 'a/b/' }])
    expect(breadcrumbs('')).toEqual([])
    expect(folderName('a/b/', 'a/')).toBe('b')
    expect(baseName('a/b/c.txt')).toBe('c.txt')
    expect(baseName('c.txt')).toBe('c.txt')
  })
  it('reads a typed list of MIME types', () => {
    expect(parseMimeList('image/*, application/pdf')).toEqual(['image/*', 'application/pdf'])
    expect(parseMimeList('  ')).toBeNull()
  })
})
