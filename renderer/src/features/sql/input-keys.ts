// features/sql/input-keys.ts — terminal input (what xterm's onData gives: typed text, pasted text, escape
// sequences for arrows and friends, control characters) split into text runs and named keys, each with the raw
// text it came from (so input that arrives while a statement runs can be replayed later). Pure.

export type KeyName =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
  | 'interrupt'
  | 'clear'
  | 'kill-line-start'
  | 'delete-word-back'
  | 'eof'
  | 'tab'

export type InputToken = { kind: 'text'; text: string; raw: string } | { kind: 'key'; key: KeyName; raw: string }

const SEQUENCES: Record<string, KeyName> = {
  '[A': 'up',
  OA: 'up',
  '[B': 'down',
  OB: 'down',
  '[C': 'right',
  OC: 'right',
  '[D': 'left',
  OD: 'left',
  '[H': 'home',
  OH: 'home',
  '[1~': 'home',
  '[7~': 'home',
  '[F': 'end',
  OF: 'end',
  '[4~': 'end',
  '[8~': 'end',
  '[3~': 'delete',
  '[1;5C': 'word-right',
  '[1;3C': 'word-right',
  '[1;5D': 'word-left',
  '[1;3D': 'word-left',
  f: 'word-right',
  b: 'word-left',
  '\x7f': 'delete-word-back',
}

const CONTROLS: Record<string, KeyName> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x03': 'interrupt',
  '\x0c': 'clear',
  '\x01': 'home',
  '\x05': 'end',
  '\x15': 'kill-line-start',
  '\x17': 'delete-word-back',
  '\x04': 'eof',
  '\t': 'tab',
  '\x02': 'left',
  '\x06': 'right',
  '\x10': 'up',
  '\x0e': 'down',
}

// eslint-disable-next-line no-control-regex
const ESCAPE = /^\x1b(\[[0-9;?]*[A-Za-z~]|O[A-Za-z]|[\s\S])?/

export function inputTokens(data: string): InputToken[] {
  const out: InputToken[] = []
  let text = ''
  const flush = () => {
    if (text) out.push({ kind: 'text', text, raw: text })
    text = ''
  }
  for (let i = 0; i < data.length; ) {
    const c = data[i]
    if (c === '\x1b') {
      flush()
      const m = ESCAPE.exec(data.slice(i))!
      const raw = m[0]
      const key = m[1] ? SEQUENCES[m[1]] : undefined
      // Unknown sequences (function keys, bracketed-paste markers, focus reports) are dropped.
      if (key) out.push({ kind: 'key', key, raw })
      i += raw.length
      continue
    }
    const control = CONTROLS[c]
    if (control) {
      flush()
      // A pasted CRLF is one Enter.
      const raw = c === '\r' && data[i + 1] === '\n' ? '\r\n' : c
      out.push({ kind: 'key', key: control, raw })
      i += raw.length
      continue
    }
    if (c < ' ') {
      i++
      continue
    }
    text += c
    i++
  }
  flush()
  return out
}
