// project/policy-tests/find-test-files.ts — the project folder's policy test files: DIR/fluxbase/tests/rls/*.yaml
// (and *.yml), in name order, each with its path relative to DIR for messages.
import fs from 'node:fs'
import path from 'node:path'
import type { SourceFile } from './load-test-file.js'

export const TESTS_SUBDIR = path.join('fluxbase', 'tests', 'rls')

export function findTestFiles(projectDir: string): SourceFile[] {
  const dir = path.join(projectDir, TESTS_SUBDIR)
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  return names
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => ({ file: path.join(TESTS_SUBDIR, n).split(path.sep).join('/'), text: fs.readFileSync(path.join(dir, n), 'utf8') }))
}
