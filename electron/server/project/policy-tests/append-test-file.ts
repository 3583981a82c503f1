// project/policy-tests/append-test-file.ts — the draft's text, and appending it to a test file of the user's choice
// in DIR/fluxbase/tests/rls/ (created when new). The file is edited through `yaml`'s document model, so its
// comments, order and styles stay as they were and the change is only added lines (diff-friendly); the result is
// checked with the loader before it replaces the file, so a save never leaves a test file that does not load.
import fs from 'node:fs'
import path from 'node:path'
import { Document, isMap, isSeq, parseDocument, YAMLMap, YAMLSeq, type Node } from 'yaml'
import { ApiError } from '../../errors.js'
import { TESTS_SUBDIR } from './find-test-files.js'
import { loadTestFile } from './load-test-file.js'
import type { Draft, NamedIdentity } from './draft-assertions.js'
import type { Assertion } from './test-file-schema.js'

/** A file name only (no folders, no dot files): letters, digits, dot, dash, underscore, ending in .yaml or .yml. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.ya?ml$/

export function testFilePath(projectRoot: string, name: string): { abs: string; rel: string } {
  if (!FILE_NAME.test(name) || name.includes('..')) {
    throw new ApiError(400, 'INVALID_TEST_FILE_NAME', `test file name "${name}" must be a plain file name ending in .yaml or .yml (letters, digits, ".", "-", "_"; no folders), e.g. documents.yaml`)
  }
  const dir = path.join(projectRoot, TESTS_SUBDIR)
  return { abs: path.join(dir, name), rel: path.join(TESTS_SUBDIR, name).split(path.sep).join('/') }
}

const isFlowValue = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v)

/** An identity spec or a where/set/insert map on one line: `{ email: alice@acme.test }`; row key lists one per line. */
function assertionNode(doc: Document, a: Assertion): Node {
  const node = doc.createNode(a) as YAMLMap
  for (const pair of node.items) {
    const value = pair.value as Node & { flow?: boolean; items?: Array<{ value?: unknown; flow?: boolean }> }
    const key = String((pair.key as { value: unknown }).value)
    if (key === 'update' || key === 'delete') for (const inner of (value as YAMLMap).items) (inner.value as YAMLMap).flow = true
    else if (key === 'where' || (key === 'insert' && isMap(value))) (value as YAMLMap).flow = true
    else if (key === 'insert' && isSeq(value)) for (const item of (value as YAMLSeq).items) (item as YAMLMap).flow = true
    else if (isSeq(value)) for (const item of (value as YAMLSeq).items) if (isMap(item)) (item as YAMLMap).flow = true
  }
  return node
}

function specNode(doc: Document, spec: NamedIdentity['spec']): Node {
  const node = doc.createNode(spec) as Node & { flow?: boolean }
  if (isFlowValue(spec)) {
    node.flow = true
    const claims = (node as unknown as YAMLMap).get('claims', true) as YAMLMap | undefined
    if (claims) claims.flow = true
  }
  return node
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Adds the draft's identities and assertions to `doc`. An identity already declared with the same spec is reused;
 * a name taken by another spec gets a suffix (alice_2) in the new assertions.
 */
function mergeDraft(doc: Document, draft: Draft): void {
  if (!doc.contents || !isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents
  const root = doc.contents as unknown as YAMLMap
  /** The map or list under `key` in `parent`, made (at the front or the end) when absent. */
  const child = <T extends YAMLMap | YAMLSeq>(parent: YAMLMap, key: string, make: () => T, is: (n: unknown) => boolean, atFront = false): T => {
    const found: unknown = parent.get(key, true)
    if (found === undefined || found === null) {
      const made = make()
      if (atFront) parent.items.unshift(doc.createPair(key, made) as (typeof parent.items)[number])
      else parent.set(key, made)
      return made
    }
    if (!is(found)) throw new ApiError(409, 'TEST_FILE_SHAPE', `the file's "${key}" is not a ${make() instanceof YAMLSeq ? 'list' : 'map'}; fix the file first`)
    return found as T
  }
  const identities = child(root, 'identities', () => new YAMLMap(), isMap, true)
  const declared = identities.toJSON() as Record<string, unknown>
  const renamed = new Map<string, string>()
  for (const who of draft.identities) {
    if (who.spec === who.name && (who.name === 'anon' || who.name === 'service_role')) continue
    let name = who.name
    for (let i = 2; name in declared && !same(declared[name], who.spec); i++) name = `${who.name}_${i}`
    if (!(name in declared)) {
      identities.set(name, specNode(doc, who.spec))
      declared[name] = who.spec
    }
    if (name !== who.name) renamed.set(who.name, name)
  }
  if (!identities.items.length) root.delete('identities')
  const tables = child(root, 'tables', () => new YAMLMap(), isMap)
  const list = child(tables, draft.table, () => new YAMLSeq(), isSeq)
  for (const a of draft.assertions) list.items.push(assertionNode(doc, { ...a, as: renamed.get(a.as) ?? a.as }))
}

/** The draft on its own, as a complete test file (what the studio shows before saving). */
export function draftText(draft: Draft): string {
  const doc = new Document({})
  mergeDraft(doc, draft)
  return doc.toString({ lineWidth: 0 })
}

export interface AppendResult {
  /** Relative to the project folder. */
  file: string
  created: boolean
  added: number
  /** The whole file after the append. */
  content: string
}

export function appendToTestFile(projectRoot: string, name: string, draft: Draft): AppendResult {
  if (!draft.assertions.length) throw new ApiError(400, 'NOTHING_TO_SAVE', 'the draft has no assertions to save')
  const { abs, rel } = testFilePath(projectRoot, name)
  let before: string | undefined
  try {
    if (fs.lstatSync(abs).isSymbolicLink()) throw new ApiError(400, 'INVALID_TEST_FILE_NAME', `${rel} is a symbolic link; save to a regular file`)
    before = fs.readFileSync(abs, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  const doc = before === undefined ? new Document({}) : parseDocument(before, { uniqueKeys: true })
  if (doc.errors.length) throw new ApiError(409, 'TEST_FILE_INVALID', `${rel} is not valid YAML (${doc.errors[0].message.split('\n')[0]}); fix it before appending`)
  mergeDraft(doc, draft)
  const content = doc.toString({ lineWidth: 0 })
  const check = loadTestFile({ file: rel, text: content })
  if (check.problems.length) {
    const p = check.problems[0]
    throw new ApiError(before === undefined ? 400 : 409, 'TEST_FILE_INVALID', `appending would leave ${rel} invalid (line ${p.line}: ${p.message}); nothing was written`)
  }
  fs.mkdirSync(path.dirname(abs), { recursive: true })
  const tmp = `${abs}.${process.pid}.tmp`
  fs.writeFileSync(tmp, content)
  fs.renameSync(tmp, abs)
  return { file: rel, created: before === undefined, added: draft.assertions.length, content }
}
