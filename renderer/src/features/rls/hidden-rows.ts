// features/rls/hidden-rows.ts — the silent-filter hint's logic, for any feature showing an app read (the table
// browser, the log viewer): which table a REST read path names, and a hook that asks the runtime, only when
// called, how many rows RLS hid from that read for an identity.
import { useCallback, useEffect, useState } from 'react'
import type { HiddenCountResult } from '../../../../contract/rls-simulator'
import { hiddenCount } from '../../api/rls-api'
import { studioStore, useStudioStore } from '../../store'
import { errorText } from './common/use-request'

/** `/api/v1/tables/s/t?…` → {schema: s, table: t}; `/api/v1/tables/t` → public.t; anything else → null. */
export function tableOfPath(path: string): { schema: string; table: string } | null {
  const m = /^\/api\/v1\/tables\/([^/?#]+)(?:\/([^/?#]+))?\/?(?:[?#]|$)/.exec(path)
  if (!m) return null
  const [a, b] = [decodeURIComponent(m[1]), m[2] && decodeURIComponent(m[2])]
  return b ? { schema: a, table: b } : { schema: 'public', table: a }
}

export type HiddenCountState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'bypass' }
  | { status: 'done'; result: HiddenCountResult }
  | { status: 'error'; error: string }

/**
 * How many rows RLS hid from the read at `path` as `token` (default: the identity the studio acts as). Nothing is
 * asked until check() is called; a new path or identity starts over.
 */
export function useHiddenCount(path: string, token?: string): { state: HiddenCountState; check(): void } {
  const activeToken = useStudioStore((s) => s.identity.accessToken)
  const asToken = token ?? activeToken
  const [state, setState] = useState<HiddenCountState>({ status: 'idle' })
  useEffect(() => setState({ status: 'idle' }), [path, asToken])
  const check = useCallback(() => {
    if (!asToken) {
      // service_role: the service key bypasses RLS, so nothing can be hidden from it.
      setState({ status: 'bypass' })
      return
    }
    setState({ status: 'loading' })
    hiddenCount(path, asToken).then(
      (result) => setState({ status: 'done', result }),
      (err: unknown) => setState({ status: 'error', error: errorText(err) }),
    )
  }, [path, asToken])
  return { state, check }
}

/** Opens the simulator on the read's table, explained as the current identity, with hidden rows shown. */
export function explainReadTable(path: string): void {
  const table = tableOfPath(path)
  if (!table) return
  const s = studioStore.getState()
  s.openRlsTable(table, 'explain')
  s.setRlsCommand('SELECT')
  s.setRlsShowHidden(true)
  s.navigate('rls', { schema: table.schema, table: table.table })
}
