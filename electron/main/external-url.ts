// electron/main/external-url.ts — decides which URLs may leave the app for the OS's default handler.
// shell.openExternal on an arbitrary scheme can launch local programs, so only web and mail go out.

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 4096) return false
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url).protocol)
  } catch {
    return false
  }
}
