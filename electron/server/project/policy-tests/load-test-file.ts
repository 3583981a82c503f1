// project/policy-tests/load-test-file.ts — one test file's text → its identities and assertions, each with the line
// it starts on, plus the problems found (YAML syntax, schema), each with its line. Pure: the runner resolves names
// against the database afterwards. Uses `yaml` (its LineCounter maps every node back to a line).
import { LineCounter, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { assertionSchemaFor, fileOutline, identitySpec, type Assertion, type IdentitySpec } from './test-file-schema.js'

export interface SourceFile {
  /** As shown in messages (relative to the project folder). */
  file: string
  text: string
}

export interface Located {
  file: string
  line: number
}

export interface LoadedAssertion extends Located {
  table: string
  index: number
  assertion: Assertion
}

export interface LoadProblem extends Located {
  message: string
  /** The table the problem belongs to, when it is one assertion's. */
  table?: string
}

export interface LoadedFile {
  file: string
  identities: Map<string, { spec: IdentitySpec; line: number }>
  /** Identity names declared in the file but invalid (their assertions are reported, not run). */
  invalidIdentities: Set<string>
  assertions: LoadedAssertion[]
  problems: LoadProblem[]
}

type Path = Array<string | number>

function lineOf(doc: Document, counter: LineCounter, path: Path): number {
  // The deepest node that exists on the path (a missing key points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined
    if (node?.range) return counter.linePos(node.range[0]).line
  }
  return 1
}

function issuesText(error: z.ZodError): Array<{ path: Path; message: string }> {
  return error.issues.map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol')
    const where = path.length ? `${path.join('.')}: ` : ''
    return { path, message: `${where}${i.message}` }
  })
}

export function loadTestFile(source: SourceFile): LoadedFile {
  const out: LoadedFile = { file: source.file, identities: new Map(), invalidIdentities: new Set(), assertions: [], problems: [] }
  const counter = new LineCounter()
  const doc = parseDocument(source.text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true })
  const problem = (line: number, message: string, table?: string) => out.problems.push({ file: source.file, line, message, ...(table ? { table } : {}) })
  if (doc.errors.length) {
    for (const e of doc.errors) problem(counter.linePos(e.pos[0]).line, `YAML syntax error: ${e.message.split('\n')[0]}`)
    return out
  }
  const outline = fileOutline.safeParse(doc.toJS())
  if (!outline.success) {
    for (const i of issuesText(outline.error)) problem(lineOf(doc, counter, i.path), i.message)
    return out
  }
  for (const [name, raw] of Object.entries(outline.data.identities ?? {})) {
    const line = lineOf(doc, counter, ['identities', name])
    const spec = identitySpec.safeParse(raw)
    if (spec.success) out.identities.set(name, { spec: spec.data, line })
    else {
      out.invalidIdentities.add(name)
      problem(line, `identity "${name}": write { email: … }, { claims: { role: …, … } }, anon or service_role (${issuesText(spec.error)[0].message})`)
    }
  }
  for (const [table, list] of Object.entries(outline.data.tables)) {
    list.forEach((raw, index) => {
      const path: Path = ['tables', table, index]
      const parsed = assertionSchemaFor(raw).safeParse(raw)
      if (parsed.success) out.assertions.push({ file: source.file, line: lineOf(doc, counter, path), table, index, assertion: parsed.data })
      else for (const i of issuesText(parsed.error)) problem(lineOf(doc, counter, [...path, ...i.path]), `${table}, assertion ${index + 1}: ${i.message}`, table)
    })
  }
  return out
}
