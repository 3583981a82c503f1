// features/rls/identity/ClaimsEditor.tsx — act as any claims: a JSON editor for sub, role and anything else the
// policies read, checked as you type; the runtime signs a real token for them. The guide's example users are one
// click away, since its policies read app.user_id (the token's sub).
import { useState, type ReactElement } from 'react'
import { Button, Chip, Input, Textarea } from '../../../components/ui'
import { CLAIMS_TEMPLATE, parseClaims } from './claims-input'
import { GUIDE_USERS, guideClaims } from '../example/guide-example'

interface Props {
  onAct(claims: Record<string, unknown>, name: string, save: boolean): void
  busy: boolean
}

export function ClaimsEditor({ onAct, busy }: Props): ReactElement {
  const [text, setText] = useState(CLAIMS_TEMPLATE)
  const [name, setName] = useState('')
  const check = parseClaims(text)
  return (
    <div className="idp-claims">
      <div className="idp-claims__presets" aria-label="Guide example users">
        <span className="idp-claims__presets-label">Guide users:</span>
        {GUIDE_USERS.map((u) => (
          <Chip
            key={u.name}
            selected={name === u.name}
            title={`${u.about} — sub ${u.id}`}
            onClick={() => {
              setText(JSON.stringify(guideClaims(u), null, 2))
              setName(u.name)
            }}
          >
            {u.name}
          </Chip>
        ))}
      </div>
      <Textarea
        aria-invalid={!check.ok}
        rows={6}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label="Claims (JSON)"
        data-testid="claims-json"
      />
      {check.ok ? <p className="idp-hint">sub becomes app.user_id and auth.uid(); role picks the database role (anon, authenticated, service_role).</p> : <p className="ui-error">{check.error}</p>}
      <div className="idp-row">
        <Input placeholder="Name (optional), e.g. alice — editor" value={name} onChange={(e) => setName(e.target.value)} aria-label="Identity name" />
        <Button disabled={!check.ok || busy} onClick={() => check.ok && onAct(check.claims, name, false)}>
          Act as
        </Button>
        <Button variant="primary" disabled={!check.ok || busy || !name.trim()} title={name.trim() ? '' : 'Give it a name to save it'} onClick={() => check.ok && onAct(check.claims, name, true)}>
          Act as & save
        </Button>
      </div>
    </div>
  )
}
