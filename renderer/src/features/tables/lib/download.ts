// features/tables/lib/download.ts — saves text as a file through the browser's download (a Save dialog in the
// desktop app, the downloads folder in a browser). No network: the text is already in the page.
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
