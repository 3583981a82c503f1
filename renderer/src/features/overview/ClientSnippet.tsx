// renderer/src/features/overview/ClientSnippet.tsx — the ready-to-paste code an app needs to talk to this runtime
// (issue 22): the official SDK's createClient, the same call as curl, and a .env block — each wrapped, never cut, and
// all saying which headers the API expects (it checks `Authorization: Bearer <key>`; the SDK sends `apikey` too, and a
// request with only `apikey` gets 401).
import type { ReactElement } from 'react'
import { Card, CodeBlock } from '../../components/ui'
import { useStudioStore } from '../../store'

export function clientSnippet(apiUrl: string, anonKey: string): string {
  return `import { createClient } from '@fluxbase/sdk'\n\nconst fluxbase = createClient('${apiUrl}', '${anonKey}')\n`
}

export function curlSnippet(apiUrl: string, anonKey: string): string {
  return [
    `curl '${apiUrl}/api/v1/tables/YOUR_TABLE?select=*' \\`,
    `  -H 'apikey: ${anonKey}' \\`,
    `  -H 'Authorization: Bearer ${anonKey}'`,
    '',
  ].join('\n')
}

export function envSnippet(apiUrl: string, anonKey: string): string {
  return [
    '# .env — the SDK sends both headers from these: apikey: <key> and Authorization: Bearer <key>',
    `FLUXBASE_URL=${apiUrl}`,
    `FLUXBASE_ANON_KEY=${anonKey}`,
    '',
  ].join('\n')
}

export function ClientSnippet(): ReactElement | null {
  const apiUrl = useStudioStore((s) => s.status?.apiUrl)
  const anonKey = useStudioStore((s) => s.status?.anonKey)
  if (!apiUrl || !anonKey) return null
  return (
    <Card
      title="Use it from your app"
      subtitle={
        <>
          Every request needs <code>Authorization: Bearer &lt;anon key&gt;</code> (a user&apos;s access token once signed in); send{' '}
          <code>apikey: &lt;anon key&gt;</code> too, as the SDK does. With only <code>apikey</code> the API answers 401.
        </>
      }
      icon="plug"
      className="client-snippet"
      data-testid="client-snippet"
    >
      <div className="client-snippet__blocks">
        <CodeBlock title="TypeScript (SDK)" language="ts" code={clientSnippet(apiUrl, anonKey)} wrap />
        <CodeBlock title="curl" language="sh" code={curlSnippet(apiUrl, anonKey)} wrap />
        <CodeBlock title=".env" language="env" code={envSnippet(apiUrl, anonKey)} wrap />
      </div>
    </Card>
  )
}
