// auth/routes/verify-page.ts — the tiny HTML page a mail link opens when the app gave no redirect_to. Pure.
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function verifyPage(message: string, token?: string): string {
  const code = token ? `<p>Token: <code>${escapeHtml(token)}</code></p>` : ''
  return `<!doctype html><html><head><meta charset="utf-8"><title>Fluxbase Studio</title></head><body style="font-family:system-ui;max-width:40em;margin:4em auto"><h1>Fluxbase Studio</h1><p>${escapeHtml(message)}</p>${code}</body></html>`
}
