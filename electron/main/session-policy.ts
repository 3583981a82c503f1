// electron/main/session-policy.ts — what web permissions the studio page gets: writing to the
// clipboard (its copy buttons), and nothing else; pages from any other origin get nothing at all.
import type { Session } from 'electron'
import { isStudioUrl } from './studio-origin'

const GRANTED = new Set(['clipboard-sanitized-write'])

export function applySessionPolicy(session: Session, studioOrigin: string): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    callback(GRANTED.has(permission) && isStudioUrl(contents.getURL(), studioOrigin))
  })
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return GRANTED.has(permission) && requestingOrigin === studioOrigin
  })
}
