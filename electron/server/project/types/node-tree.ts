// project/types/node-tree.ts — reads PostgreSQL's pg_node_tree text (nodeToString: `{QUERY :targetList (…) …}`), as
// pg_rewrite.ev_action stores a view's query, into plain values. Pure. view-column-sources.ts walks the result.
// Hand-written because no npm package reads this format (pg-query parsers read SQL, not stored node trees).

/** A node `{TYPE :field value …}`: `type` plus its fields. */
export interface TreeNode {
  type: string
  fields: Record<string, TreeValue>
}

/** A token (`<>` is null), a node, a list `( … )`, or several tokens for one field (a Const's datum bytes). */
export type TreeValue = string | null | TreeNode | TreeValue[]

function tokenize(text: string): string[] {
  const tokens: string[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++
      continue
    }
    if (c === '(' || c === ')' || c === '{' || c === '}') {
      tokens.push(c)
      i++
      continue
    }
    // A word runs to the next unescaped blank or bracket; a backslash makes the next character literal (outToken()).
    let word = ''
    let escaped = false
    while (i < text.length) {
      const d = text[i]
      if (d === '\\' && i + 1 < text.length) {
        word += text[i + 1]
        escaped = true
        i += 2
        continue
      }
      if (d === ' ' || d === '\n' || d === '\t' || d === '\r' || d === '(' || d === ')' || d === '{' || d === '}') break
      word += d
      i++
    }
    // `<>` is NULL unless it was escaped (a string that really is "<>").
    tokens.push(word === '<>' && !escaped ? '\u0000null' : word)
  }
  return tokens
}

export function parseNodeTree(text: string): TreeValue {
  const tokens = tokenize(text)
  let pos = 0

  const value = (): TreeValue => {
    const t = tokens[pos++]
    if (t === '{') return node()
    if (t === '(') return list()
    if (t === '\u0000null') return null
    if (t === undefined) throw new Error('node tree ends early')
    return t
  }
  const list = (): TreeValue[] => {
    const items: TreeValue[] = []
    while (tokens[pos] !== ')') {
      if (pos >= tokens.length) throw new Error('node tree: unclosed list')
      items.push(value())
    }
    pos++
    return items
  }
  const node = (): TreeNode => {
    const out: TreeNode = { type: tokens[pos++] ?? '', fields: {} }
    while (tokens[pos] !== '}') {
      if (pos >= tokens.length) throw new Error('node tree: unclosed node')
      const key = tokens[pos++]
      if (!key.startsWith(':')) throw new Error(`node tree: expected a field name, found "${key}"`)
      const parts: TreeValue[] = []
      while (pos < tokens.length && tokens[pos] !== '}' && !tokens[pos].startsWith(':')) parts.push(value())
      out.fields[key.slice(1)] = parts.length === 1 ? parts[0] : parts
    }
    pos++
    return out
  }

  const result = value()
  if (pos !== tokens.length) throw new Error('node tree: text after the end')
  return result
}

export function isNode(v: TreeValue | undefined, type?: string): v is TreeNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (type === undefined || v.type === type)
}
