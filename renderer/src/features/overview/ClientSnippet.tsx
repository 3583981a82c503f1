// renderer/src/features/overview/ClientSnippet.tsx — the ready-to-paste code an app needs to talk to this runtime:
// the official SDK's createClient with this machine's API URL and anon key.
import type { ReactElement } from 'react'
import { CopyButton } from '../../components/CopyButton'
import { useStudioStore } from '../../store'

export function clientSnippet(apiUrl: string, anonKey: string): string {
  return `import { createClient } from '@fluxbase/sdk'\n\nconst fluxbase = createClient('${apiUrl}', '${anonKey}')\n`
}

export function ClientSnippet(): ReactElement | null {
  const apiUrl = useStudioStore((s) => s.status?.apiUrl)
  const anonKey = useStudioStore((s) => s.status?.anonKey)
  if (!apiUrl || !anonKey) return null
  const code = clientSnippet(apiUrl, anonKey)
  return (
    <section className="client-snippet" aria-label="Client code">
      <div className="client-snippet__head">
        <h2 className="client-snippet__title">Use it from your app</h2>
        <CopyButton value={code} label="the createClient snippet" />
      </div>
      <pre className="client-snippet__code">
        <code>{code}</code>
      </pre>
    </section>
  )
}
