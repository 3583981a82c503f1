// auth/mail/mail-inbox.ts — the local mail inbox: mails the auth flows "send" are written as JSON files to DIR/mail
// (0600: they carry sign-in tokens) instead of leaving the machine. The studio lists them (like Supabase's Mailpit,
// without another process); apps under test read the link or token from there.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'

/** Mails that carry a link (email-links.ts). */
export type LinkMailKind = 'signup' | 'magiclink' | 'recovery' | 'invite' | 'email_change'
/** `otp`: a sign-in or reauthentication code by mail; `sms`: a phone code, kept here for want of an SMS provider. */
export type MailKind = LinkMailKind | 'otp' | 'sms'

export interface MailMessage {
  id: string
  kind: MailKind
  to: string
  from: string
  subject: string
  text: string
  html: string
  /** The link the mail asks the reader to follow. */
  link: string
  /** The token inside the link, for apps that post it themselves (verifyMagicLink, resetPassword). */
  token: string
  user_id: string
  created_at: string
  read: boolean
}

export type MailSummary = Omit<MailMessage, 'html' | 'text'> & { preview: string }

export interface MailQuery {
  to?: string
  kind?: MailKind
  limit?: number
  offset?: number
}

const ID = /^\d{13}-[0-9a-f]{8}$/

export class MailInbox {
  constructor(
    readonly dir: string,
    private readonly keep = 1000,
  ) {}

  deliver(mail: Omit<MailMessage, 'id' | 'created_at' | 'read'>): MailMessage {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    // Zero-padded milliseconds first: file names sort by arrival.
    const id = `${String(Date.now()).padStart(13, '0')}-${crypto.randomBytes(4).toString('hex')}`
    const message: MailMessage = { id, ...mail, created_at: new Date().toISOString(), read: false }
    this.write(message)
    this.prune()
    return message
  }

  list(query: MailQuery = {}): { messages: MailSummary[]; total: number } {
    const to = query.to?.trim().toLowerCase()
    const all = this.ids()
      .reverse()
      .map((id) => this.get(id))
      .filter((m): m is MailMessage => !!m && (!to || m.to === to) && (!query.kind || m.kind === query.kind))
    const offset = Math.max(0, query.offset ?? 0)
    const limit = Math.min(Math.max(1, query.limit ?? 50), 500)
    return { messages: all.slice(offset, offset + limit).map(summary), total: all.length }
  }

  get(id: string): MailMessage | undefined {
    if (!ID.test(id)) return undefined
    try {
      return JSON.parse(fs.readFileSync(this.file(id), 'utf8')) as MailMessage
    } catch {
      return undefined
    }
  }

  markRead(id: string): MailMessage | undefined {
    const m = this.get(id)
    if (m && !m.read) {
      m.read = true
      this.write(m)
    }
    return m
  }

  remove(id: string): boolean {
    if (!ID.test(id)) return false
    try {
      fs.unlinkSync(this.file(id))
      return true
    } catch {
      return false
    }
  }

  clear(): number {
    const ids = this.ids()
    for (const id of ids) this.remove(id)
    return ids.length
  }

  private ids(): string[] {
    try {
      return fs
        .readdirSync(this.dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .filter((id) => ID.test(id))
        .sort()
    } catch {
      return []
    }
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}.json`)
  }

  private write(m: MailMessage): void {
    const file = this.file(m.id)
    const tmp = `${file}.tmp-${process.pid}`
    fs.writeFileSync(tmp, JSON.stringify(m, null, 2), { mode: 0o600 })
    fs.renameSync(tmp, file)
  }

  private prune(): void {
    const ids = this.ids()
    for (const id of ids.slice(0, Math.max(0, ids.length - this.keep))) this.remove(id)
  }
}

function summary(m: MailMessage): MailSummary {
  const { html: _html, text, ...rest } = m
  void _html
  return { ...rest, preview: text.slice(0, 200) }
}
