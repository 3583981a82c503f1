// electron/main/studio-origin.ts — the one notion of "ours" the window, navigation guard and IPC
// checks share: a URL belongs to the studio when its origin is exactly the runtime's.

export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin
    // Opaque origins (file:, data:, about:) serialise as "null" and must never match.
    return origin === 'null' ? undefined : origin
  } catch {
    return undefined
  }
}

export function isStudioUrl(url: string, studioOrigin: string): boolean {
  return originOf(url) === studioOrigin
}

/** The page to load in the window: the studio URL minus its `#token=…` (Electron gets it over IPC). */
export function withoutHash(url: string): string {
  const parsed = new URL(url)
  parsed.hash = ''
  return parsed.toString()
}
