// The README and docs/ link only to files inside the repository (a clone has nothing else), and every such link
// resolves: a renamed or moved document fails here, not in a reader's browser.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

const DOCUMENTS = ['README.md', ...fs.readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))]

/** Markdown link targets `[text](target)`, outside code spans and blocks. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1])
}

describe('documentation links', () => {
  for (const doc of DOCUMENTS) {
    test(`${doc}: every link resolves inside the repository`, () => {
      const broken: string[] = []
      for (const target of linkTargets(fs.readFileSync(doc, 'utf8'))) {
        if (target.startsWith('#')) continue
        if (/^[a-z]+:/i.test(target)) {
          broken.push(`${target} (outside the repository)`)
          continue
        }
        const file = path.resolve(path.dirname(doc), target.split('#')[0])
        if (!file.startsWith(process.cwd()) || !fs.existsSync(file)) broken.push(target)
      }
      expect(broken).toEqual([])
    })
  }

  test('the README points at no shared/ folder (a clone has none)', () => {
    expect(fs.readFileSync('README.md', 'utf8')).not.toMatch(/(^|[\s`(])shared\//)
  })
})
