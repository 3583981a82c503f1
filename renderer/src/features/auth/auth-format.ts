// features/auth/auth-format.ts — words for the Auth page's facts: "3 min ago", a user's state, a mail's kind. Pure.
import type { AdminUser, MailKind } from '../../../../contract/studio-auth'

export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never'
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return iso
  const s = Math.round((now - then) / 1000)
  if (s < 45) return 'just now'
  if (s < 90) return '1 min ago'
  const m = Math.round(s / 60)
  if (m < 60) return `${m} min ago`
  const h = Math.round(m / 60)
  if (h < 24) return `${h} h ago`
  const d = Math.round(h / 24)
  if (d < 31) return `${d} day${d === 1 ? '' : 's'} ago`
  return new Date(then).toISOString().slice(0, 10)
}

export function localTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString()
}

export type UserState = 'locked' | 'unconfirmed' | 'confirmed' | 'anonymous'

export function userState(u: Pick<AdminUser, 'locked_until' | 'email_verified' | 'is_anonymous'>): UserState {
  if (u.locked_until) return 'locked'
  if (u.is_anonymous) return 'anonymous'
  return u.email_verified ? 'confirmed' : 'unconfirmed'
}

export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  signup: 'Sign-up confirmation',
  magiclink: 'Magic link',
  recovery: 'Password reset',
  invite: 'Invitation',
  email_change: 'Email change',
  otp: 'One-time code',
  sms: 'SMS code',
}

/** Splits text into plain parts and http(s) links, so a mail's links can be clickable without any HTML. */
export function linkParts(text: string): Array<{ text: string; href?: string }> {
  const parts: Array<{ text: string; href?: string }> = []
  const re = /https?:\/\/[^\s<>"')]+/g
  let last = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) })
    parts.push({ text: m[0], href: m[0] })
    last = m.index + m[0].length
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}
