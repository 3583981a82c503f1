// rest/schema/schema-watcher.ts — LISTEN on a dedicated connection for the DDL event trigger's NOTIFY (migration
// 0201) and call back, debounced, so a table created in psql is queryable within a second. Reconnects by itself.
import pg from 'pg'

export const SCHEMA_CHANNEL = 'fluxbase_schema'

export interface SchemaWatcher {
  stop(): Promise<void>
}

export interface WatchOptions {
  connectionString: string
  onChange: () => void
  onError?: (err: Error) => void
  debounceMs?: number
}

export function watchSchema(options: WatchOptions): SchemaWatcher {
  const debounceMs = options.debounceMs ?? 50
  let client: pg.Client | undefined
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let retry: NodeJS.Timeout | undefined

  const changed = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      if (!stopped) options.onChange()
    }, debounceMs)
  }

  const connect = async (): Promise<void> => {
    if (stopped) return
    const c = new pg.Client({ connectionString: options.connectionString, application_name: 'fluxbase-schema-watch' })
    client = c
    c.on('notification', (msg) => {
      if (msg.channel === SCHEMA_CHANNEL) changed()
    })
    c.on('error', (err) => {
      options.onError?.(err)
      reconnect(c)
    })
    c.on('end', () => reconnect(c))
    try {
      await c.connect()
      await c.query(`LISTEN ${SCHEMA_CHANNEL}`)
      // Whatever happened while we were not listening is picked up by one reload.
      changed()
    } catch (err) {
      options.onError?.(err as Error)
      reconnect(c)
    }
  }

  const reconnect = (c: pg.Client) => {
    if (stopped || client !== c || retry) return
    client = undefined
    c.end().catch(() => undefined)
    retry = setTimeout(() => {
      retry = undefined
      void connect()
    }, 1000)
  }

  void connect()

  return {
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      if (retry) clearTimeout(retry)
      const c = client
      client = undefined
      if (c) await c.end().catch(() => undefined)
    },
  }
}
