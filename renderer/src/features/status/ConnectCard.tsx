// renderer/src/features/status/ConnectCard.tsx — the card with everything an app (or psql) needs
// to reach the local stack.
import type { ReactElement } from 'react'
import { CardHeader } from '../../components/CardHeader'
import { CredentialRow } from './CredentialRow'

export function ConnectCard(): ReactElement {
  return (
    <section className="card card--connect" aria-labelledby="connect-title">
      <CardHeader icon="plug" accent titleId="connect-title" title="Connect" subtitle="Everything your app needs to talk to this machine." />
      <div className="card__body credential-list">
        <CredentialRow id="api-url" label="API URL" hint="Base URL for the SDK" select={(s) => s.status?.apiUrl} />
        <CredentialRow id="anon-key" label="Anon key" hint="Public · safe in browser code" secret="key" select={(s) => s.status?.anonKey} />
        <CredentialRow
          id="service-role-key"
          label="Service-role key"
          hint="Secret · bypasses RLS, server only"
          tone="danger"
          secret="key"
          select={(s) => s.status?.serviceRoleKey}
        />
        <CredentialRow
          id="database-url"
          label="Database URL"
          hint="psql and migrations · superuser"
          secret="url-password"
          select={(s) => s.status?.databaseUrl}
        />
      </div>
    </section>
  )
}
