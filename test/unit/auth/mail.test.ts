// auth/mail: the inbox on disk (order, filters, 0600 files, pruning) and the templates.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MailInbox } from '../../../electron/server/auth/mail/mail-inbox.js'
import { composeMail } from '../../../electron/server/auth/mail/mail-templates.js'
import { checkRedirect } from '../../../electron/server/auth/email-links.js'

const dirs: string[] = []
function inbox(keep?: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluxbase-mail-'))
  dirs.push(dir)
  return new MailInbox(path.join(dir, 'mail'), keep)
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

const mail = (to: string, kind: 'signup' | 'magiclink' = 'signup') => ({ kind, to, from: 'f', subject: 's', text: 'hello world', html: '<p>x</p>', link: 'http://l', token: 't', user_id: 'u' })

describe('MailInbox', () => {
  it('lists newest first, filters by recipient and kind, pages', async () => {
    const box = inbox()
    const a = box.deliver(mail('a@example.com'))
    await new Promise((r) => setTimeout(r, 2))
    const b = box.deliver(mail('b@example.com', 'magiclink'))
    expect(box.list().messages.map((m) => m.id)).toEqual([b.id, a.id])
    expect(box.list({ to: 'A@example.com' }).messages.map((m) => m.id)).toEqual([a.id])
    expect(box.list({ kind: 'magiclink' }).total).toBe(1)
    expect(box.list({ limit: 1, offset: 1 }).messages.map((m) => m.id)).toEqual([a.id])
    expect(box.list().messages[0]).toMatchObject({ preview: 'hello world' })
    expect(box.list().messages[0]).not.toHaveProperty('html')
  })

  it('writes owner-only files and reads, marks, removes and clears them', () => {
    const box = inbox()
    const m = box.deliver(mail('a@example.com'))
    expect(fs.statSync(path.join(box.dir, `${m.id}.json`)).mode & 0o777).toBe(0o600)
    expect(box.markRead(m.id)?.read).toBe(true)
    expect(box.get(m.id)?.read).toBe(true)
    expect(box.get('../../etc/passwd')).toBeUndefined()
    expect(box.remove(m.id)).toBe(true)
    expect(box.remove(m.id)).toBe(false)
    box.deliver(mail('x@example.com'))
    expect(box.clear()).toBe(1)
    expect(box.list().total).toBe(0)
  })

  it('keeps only the newest mails', () => {
    const box = inbox(3)
    for (let i = 0; i < 5; i++) box.deliver(mail(`${i}@example.com`))
    expect(box.list().total).toBe(3)
  })

  it('an inbox that was never written lists empty', () => {
    expect(inbox().list()).toEqual({ messages: [], total: 0 })
  })
})

describe('templates and redirects', () => {
  it('puts the link and the code in both parts, HTML-escaped', () => {
    const m = composeMail('recovery', 'http://x/?a=1&b=<2>', 'tok', 60)
    expect(m.subject).toBe('Reset your password')
    expect(m.text).toContain('http://x/?a=1&b=<2>')
    expect(m.html).toContain('http://x/?a=1&#38;b=&#60;2&#62;')
    expect(m.html).toContain('<code>tok</code>')
  })

  it('accepts only http(s) redirect targets', () => {
    expect(checkRedirect(undefined)).toBeUndefined()
    expect(checkRedirect('http://localhost:3000/cb')).toBe('http://localhost:3000/cb')
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url', 42]) {
      expect(() => checkRedirect(bad)).toThrow('Invalid redirect_to URL')
    }
  })
})
