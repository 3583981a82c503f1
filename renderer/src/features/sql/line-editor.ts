// features/sql/line-editor.ts — the console's input buffer: text that may span several lines and a cursor, with
// readline's moves and edits (characters, words, lines, Home/End, Up/Down inside a multi-line statement). Every
// operation returns a new state. Pure.

export interface EditorState {
  text: string
  /** UTF-16 index into text. */
  cursor: number
}

export const EMPTY: EditorState = { text: '', cursor: 0 }

const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff

function prevIndex(text: string, i: number): number {
  if (i <= 0) return 0
  return i >= 2 && isLow(text.charCodeAt(i - 1)) ? i - 2 : i - 1
}

function nextIndex(text: string, i: number): number {
  if (i >= text.length) return text.length
  return isLow(text.charCodeAt(i + 1)) ? i + 2 : i + 1
}

export function insert(s: EditorState, chunk: string): EditorState {
  return { text: s.text.slice(0, s.cursor) + chunk + s.text.slice(s.cursor), cursor: s.cursor + chunk.length }
}

export function backspace(s: EditorState): EditorState {
  const p = prevIndex(s.text, s.cursor)
  return { text: s.text.slice(0, p) + s.text.slice(s.cursor), cursor: p }
}

export function deleteForward(s: EditorState): EditorState {
  return { text: s.text.slice(0, s.cursor) + s.text.slice(nextIndex(s.text, s.cursor)), cursor: s.cursor }
}

export const left = (s: EditorState): EditorState => ({ ...s, cursor: prevIndex(s.text, s.cursor) })
export const right = (s: EditorState): EditorState => ({ ...s, cursor: nextIndex(s.text, s.cursor) })

function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1
}

function lineEnd(text: string, i: number): number {
  const n = text.indexOf('\n', i)
  return n < 0 ? text.length : n
}

export const home = (s: EditorState): EditorState => ({ ...s, cursor: lineStart(s.text, s.cursor) })
export const end = (s: EditorState): EditorState => ({ ...s, cursor: lineEnd(s.text, s.cursor) })

const WORD = /[\p{L}\p{N}_]/u

export function wordLeft(s: EditorState): EditorState {
  let i = s.cursor
  while (i > 0 && !WORD.test(s.text[i - 1])) i--
  while (i > 0 && WORD.test(s.text[i - 1])) i--
  return { ...s, cursor: i }
}

export function wordRight(s: EditorState): EditorState {
  let i = s.cursor
  while (i < s.text.length && !WORD.test(s.text[i])) i++
  while (i < s.text.length && WORD.test(s.text[i])) i++
  return { ...s, cursor: i }
}

/** Ctrl+W: deletes the word before the cursor (and the blanks after it). */
export function deleteWordBack(s: EditorState): EditorState {
  const to = wordLeft(s).cursor
  return { text: s.text.slice(0, to) + s.text.slice(s.cursor), cursor: to }
}

/** Ctrl+U: deletes from the start of the current line to the cursor. */
export function killToLineStart(s: EditorState): EditorState {
  const from = lineStart(s.text, s.cursor)
  return { text: s.text.slice(0, from) + s.text.slice(s.cursor), cursor: from }
}

export const onFirstLine = (s: EditorState) => s.text.lastIndexOf('\n', s.cursor - 1) < 0
export const onLastLine = (s: EditorState) => s.text.indexOf('\n', s.cursor) < 0

/** Up/Down inside a multi-line buffer, keeping the column where it can; undefined on the first/last line. */
export function verticalMove(s: EditorState, direction: -1 | 1): EditorState | undefined {
  if (direction < 0 ? onFirstLine(s) : onLastLine(s)) return undefined
  const start = lineStart(s.text, s.cursor)
  const column = s.cursor - start
  const targetStart = direction < 0 ? lineStart(s.text, start - 1) : lineEnd(s.text, s.cursor) + 1
  const targetEnd = lineEnd(s.text, targetStart)
  return { ...s, cursor: Math.min(targetStart + column, targetEnd) }
}

export const atEnd = (text: string): EditorState => ({ text, cursor: text.length })
