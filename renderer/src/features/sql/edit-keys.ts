// features/sql/edit-keys.ts — the keys that only edit the input (readline's moves and deletions) → the line editor's
// operation for each. Keys that do more (Enter, ↑/↓ through the history, Ctrl+C, Ctrl+L) are the console's. Pure.
import * as ed from './line-editor'
import type { KeyName } from './input-keys'

const EDITS: Partial<Record<KeyName, (s: ed.EditorState) => ed.EditorState>> = {
  backspace: ed.backspace,
  delete: ed.deleteForward,
  eof: ed.deleteForward,
  left: ed.left,
  right: ed.right,
  home: ed.home,
  end: ed.end,
  'word-left': ed.wordLeft,
  'word-right': ed.wordRight,
  'kill-line-start': ed.killToLineStart,
  'delete-word-back': ed.deleteWordBack,
  tab: (s) => ed.insert(s, '    '),
}

/** The input after `key`, or undefined when `key` is not an edit. */
export function editKey(state: ed.EditorState, key: KeyName): ed.EditorState | undefined {
  return EDITS[key]?.(state)
}
