// components/terminal/terminal-host.ts — one xterm terminal with the fit and search add-ons, themed from the design
// tokens, that can be attached to a container, detached and attached again (so a view keeps its terminal and
// scrollback when the user switches away and back). Shared by the SQL console and the log viewer's live tail.
import { Terminal, type ITerminalOptions } from '@xterm/xterm'
import { FitAddon } from '@xterm/addon-fit'
import { SearchAddon } from '@xterm/addon-search'
import { copyText } from '../../api/clipboard'
import { terminalTheme, watchColorScheme } from './terminal-theme'
// The terminals' sheet loads with the first view that opens one (SQL, the log tail), not at start.
import '../../styles/terminal.css'

export interface TerminalHostOptions {
  scrollback: number
  /** Feature keys, asked before xterm sees a keydown: true = handled (xterm ignores it), false/undefined = go on. */
  onKey?: (event: KeyboardEvent) => boolean | undefined
  /** After the terminal changed size (columns or rows). */
  onResize?: (cols: number, rows: number) => void
  readOnly?: boolean
}

export interface TerminalHost {
  readonly term: Terminal
  readonly search: SearchAddon
  attach(container: HTMLElement): void
  detach(): void
  fit(): void
  dispose(): void
}

const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)

function fontFamily(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || 'monospace'
}

export function createTerminalHost(options: TerminalHostOptions): TerminalHost {
  const termOptions: ITerminalOptions = {
    fontFamily: fontFamily(),
    fontSize: 13,
    lineHeight: 1.25,
    scrollback: options.scrollback,
    theme: terminalTheme(),
    cursorBlink: !options.readOnly,
    cursorStyle: options.readOnly ? 'underline' : 'bar',
    cursorInactiveStyle: options.readOnly ? 'none' : 'outline',
    disableStdin: !!options.readOnly,
    convertEol: false,
    allowProposedApi: false,
    macOptionIsMeta: true,
    rightClickSelectsWord: false,
  }
  const term = new Terminal(termOptions)
  const fitAddon = new FitAddon()
  const search = new SearchAddon()
  term.loadAddon(fitAddon)
  term.loadAddon(search)

  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true
    const mod = MAC ? event.metaKey : event.ctrlKey
    const key = event.key.toLowerCase()
    // The shell's own keys (palette, Ctrl/Cmd+digit) must reach the window, not become terminal input.
    if (mod && !event.altKey && (key === 'k' || /^[0-9]$/.test(key))) return false
    // Copy: Ctrl/Cmd+C with a selection (otherwise Ctrl+C stays an interrupt), or Ctrl+Shift+C always.
    if ((mod && key === 'c' && term.hasSelection()) || (event.ctrlKey && event.shiftKey && key === 'c')) {
      event.preventDefault()
      void copyText(term.getSelection()).catch(() => undefined)
      term.clearSelection()
      return false
    }
    // Paste: let the browser deliver a paste event to xterm's textarea (which turns it into input).
    if ((mod && key === 'v') || (event.ctrlKey && event.shiftKey && key === 'v')) return false
    if (options.onKey?.(event)) {
      event.preventDefault()
      return false
    }
    return true
  })

  let observer: ResizeObserver | undefined
  let frame = 0
  let lastSize = ''
  const fit = () => {
    if (!term.element?.isConnected) return
    const dims = fitAddon.proposeDimensions()
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows) || dims.cols < 2 || dims.rows < 1) return
    const size = `${dims.cols}x${dims.rows}`
    if (size === lastSize) return
    lastSize = size
    term.resize(dims.cols, dims.rows)
    options.onResize?.(dims.cols, dims.rows)
  }
  const stopWatchingScheme = watchColorScheme(() => {
    term.options.theme = terminalTheme()
  })

  return {
    term,
    search,
    attach(container) {
      if (term.element) container.appendChild(term.element)
      else term.open(container)
      // Colours may have changed while detached.
      term.options.theme = terminalTheme()
      observer = new ResizeObserver(() => {
        cancelAnimationFrame(frame)
        frame = requestAnimationFrame(fit)
      })
      observer.observe(container)
      lastSize = ''
      fit()
      term.refresh(0, term.rows - 1)
    },
    detach() {
      observer?.disconnect()
      observer = undefined
      cancelAnimationFrame(frame)
      term.element?.remove()
    },
    fit,
    dispose() {
      observer?.disconnect()
      cancelAnimationFrame(frame)
      stopWatchingScheme()
      term.dispose()
    },
  }
}
