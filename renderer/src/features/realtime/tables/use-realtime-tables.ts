// features/realtime/tables/use-realtime-tables.ts — realtime's table list (kept in the slice, reloaded when a panel
// that lists it opens) and the one-click switch that turns a table's realtime on or off, with the server's words on failure.
import { useCallback, useEffect, useState } from 'react'
import { fetchRealtimeTables, setTableRealtime } from '../../../api/realtime-api'
import { studioStore, useStudioStore } from '../../../store'
import type { RealtimeTableInfo } from '../../../../../contract/studio-realtime'

function words(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

export function useRealtimeTables(): { tables: RealtimeTableInfo[] | null; error: string | null; loading: boolean; reload(): void } {
  const tables = useStudioStore((s) => s.rtTables)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const reload = useCallback(() => {
    setLoading(true)
    fetchRealtimeTables().then(
      (list) => {
        studioStore.getState().setRtTables(list)
        setError(null)
        setLoading(false)
      },
      (err: unknown) => {
        setError(`Could not list the tables: ${words(err)}`)
        setLoading(false)
      },
    )
  }, [])
  // Tables come and go from elsewhere (SQL console, migrations): ask again whenever a panel that lists them opens.
  useEffect(() => reload(), [reload])
  return { tables, error, loading, reload }
}

export function useRealtimeSwitch(schema: string, table: string): { busy: boolean; error: string | null; set(enabled: boolean, events?: string[]): void } {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const set = useCallback(
    (enabled: boolean, events?: string[]) => {
      setBusy(true)
      setError(null)
      setTableRealtime(schema, table, enabled, events).then(
        (info) => {
          const s = studioStore.getState()
          const list = s.rtTables ?? []
          const known = list.some((t) => t.schema === info.schema && t.table === info.table)
          s.setRtTables(known ? list.map((t) => (t.schema === info.schema && t.table === info.table ? info : t)) : [...list, info])
          setBusy(false)
        },
        (err: unknown) => {
          setError(words(err))
          setBusy(false)
        },
      )
    },
    [schema, table],
  )
  return { busy, error, set }
}
