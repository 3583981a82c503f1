// features/sql/statement-history.ts — the console's statement history: what ↑/↓ step through at the prompt (the
// half-typed input kept as a draft while browsing), what \s lists, merged with the history the server keeps across
// restarts. No terminal, no store: the console asks it for the input to show.
import * as ed from './line-editor'

const HISTORY_KEEP = 1000

export class StatementHistory {
  private items: string[] = []
  /** Where ↑/↓ stand in the history; null = at the input being typed. */
  private index: number | null = null
  private draft = ''

  get entries(): readonly string[] {
    return this.items
  }

  /** The server's saved statements come first; ones run before they arrived stay after them. */
  merge(saved: string[]): void {
    this.items = dedupe([...saved, ...this.items]).slice(-HISTORY_KEEP)
  }

  remember(text: string): void {
    if (this.items[this.items.length - 1] !== text) this.items.push(text)
    if (this.items.length > HISTORY_KEEP) this.items.shift()
  }

  /** Back at the input being typed (after running it, or abandoning it with Ctrl+C). */
  reset(): void {
    this.index = null
  }

  /** ↑ (-1) or ↓ (1) from `current`: the input to show next. */
  step(current: ed.EditorState, direction: -1 | 1): ed.EditorState {
    if (!this.items.length) return current
    if (this.index === null) {
      if (direction > 0) return current
      this.draft = current.text
      this.index = this.items.length
    }
    const next = this.index + direction
    if (next < 0) return current
    if (next >= this.items.length) {
      this.index = null
      return ed.atEnd(this.draft)
    }
    this.index = next
    return ed.atEnd(this.items[next])
  }
}

function dedupe(list: string[]): string[] {
  return list.filter((item, i) => item !== list[i - 1])
}
