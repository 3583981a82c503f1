// renderer/src/api/clipboard.ts — copies text for the copy buttons. The async Clipboard API needs a
// secure context and (in Electron) a granted permission; the selection fallback covers the rest.

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text)
      return
    } catch {
      // Denied or unfocused document: fall through to the legacy path.
    }
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.className = 'offscreen'
  document.body.append(area)
  area.select()
  const copied = document.execCommand('copy')
  area.remove()
  if (!copied) throw new Error('The browser refused to copy to the clipboard')
}
