// components/terminal/terminal-theme.ts — xterm's colours from the studio's design tokens (styles/tokens.css and the
// --terminal-* tokens of terminal.css), read from the page so the terminals follow the OS light/dark switch.
import type { ITheme } from '@xterm/xterm'

function token(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback
}

export function terminalTheme(): ITheme {
  const s = getComputedStyle(document.documentElement)
  const text = token(s, '--text', '#111827')
  const faint = token(s, '--text-faint', '#8a93a5')
  const danger = token(s, '--danger', '#d92d3a')
  const ok = token(s, '--ok', '#15a34a')
  const warn = token(s, '--warn', '#b86e00')
  const blue = token(s, '--terminal-blue', '#2563eb')
  const magenta = token(s, '--accent', '#6552f5')
  const cyan = token(s, '--terminal-cyan', '#0e7490')
  return {
    background: token(s, '--terminal-bg', '#ffffff'),
    foreground: text,
    cursor: magenta,
    cursorAccent: token(s, '--terminal-bg', '#ffffff'),
    selectionBackground: token(s, '--terminal-selection', 'rgba(101, 82, 245, 0.25)'),
    black: text,
    red: danger,
    green: ok,
    yellow: warn,
    blue,
    magenta,
    cyan,
    white: faint,
    brightBlack: faint,
    brightRed: danger,
    brightGreen: ok,
    brightYellow: warn,
    brightBlue: blue,
    brightMagenta: magenta,
    brightCyan: cyan,
    brightWhite: text,
  }
}

/** Calls `onChange` when the OS switches between light and dark; returns the unsubscribe. */
export function watchColorScheme(onChange: () => void): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  // The CSS variables change with the media query; read them after the style recalculation.
  const handler = () => requestAnimationFrame(onChange)
  media.addEventListener('change', handler)
  return () => media.removeEventListener('change', handler)
}
