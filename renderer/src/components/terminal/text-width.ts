// components/terminal/text-width.ts — how many terminal columns a string takes (East Asian wide characters and most
// emoji take two, combining marks none), so tables printed in a terminal line up. Pure.

function isCombining(cp: number): boolean {
  return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
}

export function charWidth(cp: number): number {
  if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) return 0
  if (isCombining(cp)) return 0
  return isWide(cp) ? 2 : 1
}

export function textWidth(text: string): number {
  let w = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    // Plain ASCII is by far the common case: skip the code point work for it.
    if (c >= 32 && c < 127) {
      w++
      continue
    }
    const cp = text.codePointAt(i)!
    if (cp > 0xffff) i++
    w += charWidth(cp)
  }
  return w
}

/** Pads with spaces to `width` columns, on the right (left-aligned) or the left (right-aligned). */
export function pad(text: string, width: number, align: 'left' | 'right' | 'center' = 'left'): string {
  const gap = Math.max(0, width - textWidth(text))
  if (align === 'right') return ' '.repeat(gap) + text
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + text + ' '.repeat(gap - Math.floor(gap / 2))
  return text + ' '.repeat(gap)
}

/** The longest prefix of `text` that fits in `width` columns. */
export function sliceToWidth(text: string, width: number): string {
  let w = 0
  let i = 0
  while (i < text.length) {
    const cp = text.codePointAt(i)!
    const cw = charWidth(cp)
    if (w + cw > width) break
    w += cw
    i += cp > 0xffff ? 2 : 1
  }
  return text.slice(0, i)
}
