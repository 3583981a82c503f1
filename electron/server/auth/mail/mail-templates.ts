// auth/mail/mail-templates.ts — the words of each auth mail. Pure: kind + link + token → subject, text and HTML.
import type { LinkMailKind as MailKind } from './mail-inbox.js'

export const MAIL_FROM = 'Fluxbase Studio <noreply@localhost>'

const COPY: Record<MailKind, { subject: string; lead: string; action: string }> = {
  signup: { subject: 'Confirm your signup', lead: 'Follow this link to confirm your email address:', action: 'Confirm your email' },
  magiclink: { subject: 'Your magic link', lead: 'Follow this link to sign in:', action: 'Sign in' },
  recovery: { subject: 'Reset your password', lead: 'Follow this link to choose a new password:', action: 'Reset password' },
  invite: { subject: 'You have been invited', lead: 'You have been invited to create an account. Follow this link to accept:', action: 'Accept the invitation' },
  email_change: { subject: 'Confirm your new email address', lead: 'Follow this link to confirm your new email address:', action: 'Confirm the change' },
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function composeMail(kind: MailKind, link: string, token: string, expiresInMinutes: number) {
  const copy = COPY[kind]
  const text = `${copy.lead}\n\n${link}\n\nOr use this code: ${token}\n\nThe link expires in ${expiresInMinutes} minutes. If you did not ask for it, ignore this mail.\n`
  const html =
    `<p>${escapeHtml(copy.lead)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(copy.action)}</a></p>` +
    `<p>Or use this code: <code>${escapeHtml(token)}</code></p>` +
    `<p>The link expires in ${expiresInMinutes} minutes. If you did not ask for it, ignore this mail.</p>`
  return { subject: copy.subject, text, html }
}
