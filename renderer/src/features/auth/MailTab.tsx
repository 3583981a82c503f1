// features/auth/MailTab.tsx — the local mail inbox: every mail the auth flows "sent" (sign-up confirmations, magic
// links, password resets, invitations), newest first, refreshed every few seconds while open. Open one to read it
// with its link clickable. Whether sign-ups need a confirmation mail can be switched here.
import { useEffect, useState, type ReactElement } from 'react'
import type { MailMessage } from '../../../../contract/studio-auth'
import { useStudioStore } from '../../store'
import * as api from '../../api/auth-api'
import { copyText } from '../../api/clipboard'
import { openOutside } from '../../api/external-link'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { MAIL_KIND_LABELS, linkParts, localTime, relativeTime } from './auth-format'

const REFRESH_MS = 3000
const words = (err: unknown) => (err instanceof Error ? err.message : String(err))

export function MailTab(): ReactElement {
  const mail = useStudioStore((s) => s.authMail)
  const total = useStudioStore((s) => s.authMailTotal)
  const error = useStudioStore((s) => s.authMailError)
  const load = useStudioStore((s) => s.loadAuthMail)
  const openId = useStudioStore((s) => s.viewParams.mail)
  const to = useStudioStore((s) => s.viewParams.to) ?? ''
  const navigate = useStudioStore((s) => s.navigate)
  const [emptying, setEmptying] = useState(false)

  useEffect(() => {
    void load()
    const timer = setInterval(() => void load(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [load])

  const filter = to.trim().toLowerCase()
  const shown = (mail ?? []).filter((m) => !filter || m.to.includes(filter) || m.subject.toLowerCase().includes(filter))
  const open = (id: string | undefined) => navigate('auth', { tab: 'mail', ...(to ? { to } : {}), ...(id ? { mail: id } : {}) })

  return (
    <div className="auth-mail">
      <section className="auth-mail__list" aria-label="Inbox">
        <div className="auth-list__bar">
          <input
            className="ui-input auth-list__search"
            type="search"
            placeholder="Filter by recipient or subject"
            aria-label="Filter mail"
            value={to}
            onChange={(e) => navigate('auth', { tab: 'mail', ...(e.target.value ? { to: e.target.value } : {}), ...(openId ? { mail: openId } : {}) })}
          />
          <button type="button" className="ui-button ui-button--ghost" onClick={() => setEmptying(true)} disabled={!total}>
            Empty inbox
          </button>
        </div>
        <ConfirmationSetting />
        {error && (
          <p className="ui-error" role="alert">
            Could not read the inbox: {error}
          </p>
        )}
        <ul className="mail-list">
          {shown.map((m) => (
            <li key={m.id}>
              <button type="button" className={`mail-item${m.id === openId ? ' mail-item--open' : ''}${m.read ? '' : ' mail-item--unread'}`} onClick={() => open(m.id)} data-testid="mail-item">
                <span className="mail-item__top">
                  <span className="mail-item__subject">{m.subject}</span>
                  <span className="mail-item__time" title={localTime(m.created_at)}>
                    {relativeTime(m.created_at)}
                  </span>
                </span>
                <span className="mail-item__to">to {m.to}</span>
                <span className="ui-tag">{MAIL_KIND_LABELS[m.kind] ?? m.kind}</span>
              </button>
            </li>
          ))}
        </ul>
        {mail && shown.length === 0 && (
          <p className="ui-empty">
            {filter ? `No mail for “${to}”.` : 'No mail yet. Sign-ups (with confirmation on), magic links, password resets and invitations land here instead of leaving your machine.'}
          </p>
        )}
      </section>
      <section className="auth-mail__read" aria-label="Mail">
        {openId ? <MailReader key={openId} id={openId} onDeleted={() => (open(undefined), void load())} /> : <p className="ui-empty">Select a mail to read it.</p>}
      </section>
      {emptying && (
        <ConfirmDialog
          title="Empty the inbox?"
          confirmLabel="Delete all mail"
          onClose={() => setEmptying(false)}
          onConfirm={async () => {
            await api.emptyInbox()
            open(undefined)
            await load()
          }}
        >
          <p>All {total.toLocaleString('en')} captured mails are deleted. Links in them keep working until they expire.</p>
        </ConfirmDialog>
      )}
    </div>
  )
}

function ConfirmationSetting(): ReactElement | null {
  const settings = useStudioStore((s) => s.authSettings)
  const settingsError = useStudioStore((s) => s.authSettingsError)
  const loadSettings = useStudioStore((s) => s.loadAuthSettings)
  const setRequire = useStudioStore((s) => s.setRequireEmailConfirmation)
  const [error, setError] = useState<string | null>(null)
  // The box follows the click at once; the server's answer (or refusal) settles it.
  const [pending, setPending] = useState<boolean | null>(null)
  useEffect(() => {
    void loadSettings()
  }, [loadSettings])
  if (settingsError) return <p className="ui-error">Could not read the auth settings: {settingsError}</p>
  if (!settings) return null
  return (
    <div className="auth-setting">
      <label className="auth-check">
        <input
          type="checkbox"
          checked={pending ?? settings.requireEmailConfirmation}
          disabled={pending !== null}
          onChange={(e) => {
            setError(null)
            setPending(e.target.checked)
            setRequire(e.target.checked)
              .catch((err: unknown) => setError(words(err)))
              .finally(() => setPending(null))
          }}
        />
        Sign-ups must confirm their email
      </label>
      <span className="ui-field__hint">
        {settings.requireEmailConfirmation ? 'Each sign-up gets a confirmation mail here.' : 'Sign-ups are confirmed at once and get no mail. For this run of the runtime.'}
      </span>
      {error && <p className="ui-error">{error}</p>}
    </div>
  )
}

function MailReader({ id, onDeleted }: { id: string; onDeleted(): void }): ReactElement {
  const [mail, setMail] = useState<MailMessage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const reload = useStudioStore((s) => s.loadAuthMail)
  useEffect(() => {
    let live = true
    api.getMail(id).then(
      (m) => {
        if (!live) return
        setMail(m)
        void reload() // it is read now
      },
      (err) => live && setError(words(err)),
    )
    return () => {
      live = false
    }
  }, [id, reload])
  if (error) return <p className="ui-error" role="alert">{error}</p>
  if (!mail) return <p className="ui-empty">Opening…</p>
  return (
    <article className="mail-reader" data-testid="mail-reader">
      <header className="mail-reader__head">
        <h2 className="mail-reader__subject">{mail.subject}</h2>
        <dl className="mail-reader__meta">
          <dt>From</dt>
          <dd>{mail.from}</dd>
          <dt>To</dt>
          <dd>{mail.to}</dd>
          <dt>Date</dt>
          <dd>{localTime(mail.created_at)}</dd>
          <dt>Kind</dt>
          <dd>{MAIL_KIND_LABELS[mail.kind] ?? mail.kind}</dd>
        </dl>
      </header>
      <div className="mail-reader__actions">
        <a className="ui-button ui-button--primary" href={mail.link} target="_blank" rel="noreferrer noopener" onClick={(e) => void openOutside(e, mail.link).catch((err: unknown) => setActionError(words(err)))}>
          Open the link
        </a>
        <button type="button" className="ui-button" onClick={() => void copyText(mail.link).catch((err: unknown) => setActionError(words(err)))}>
          Copy link
        </button>
        <button type="button" className="ui-button" onClick={() => void copyText(mail.token).catch((err: unknown) => setActionError(words(err)))} title="For apps that post the token themselves">
          Copy code
        </button>
        <span className="auth-panel__grow" />
        <button
          type="button"
          className="ui-button ui-button--ghost"
          onClick={() =>
            api.deleteMail(mail.id).then(onDeleted, (err: unknown) => setActionError(words(err)))
          }
        >
          Delete
        </button>
      </div>
      {actionError && <p className="ui-error" role="alert">{actionError}</p>}
      <div className="mail-reader__body">
        {linkParts(mail.text).map((part, i) =>
          part.href ? (
            <a key={i} href={part.href} target="_blank" rel="noreferrer noopener" onClick={(e) => void openOutside(e, part.href!).catch((err: unknown) => setActionError(words(err)))}>
              {part.text}
            </a>
          ) : (
            <span key={i}>{part.text}</span>
          ),
        )}
      </div>
    </article>
  )
}
