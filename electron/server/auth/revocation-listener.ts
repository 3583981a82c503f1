// auth/revocation-listener.ts — LISTEN fluxbase_auth on one connection of the API pool, so revocations made outside
// the auth routes (the studio's SQL console, another runtime on the same --database-url) reach RevocationState.
// If the connection drops (PostgreSQL restarted), it reconnects and forgets cached live sessions it may have missed.
import type { Pool, PoolClient, Notification } from 'pg'
import type { LogBus } from '../logs/log-bus.js'
import type { RevocationState } from './revocation-state.js'

export const AUTH_CHANNEL = 'fluxbase_auth'

interface AuthEvent {
  kind: 'session' | 'user_deleted' | 'jti'
  id: string
  user_id?: string
  expires_at?: string
}

export function applyAuthEvent(state: RevocationState, event: AuthEvent): void {
  if (event.kind === 'session') state.sessionsRevoked([event.id])
  else if (event.kind === 'user_deleted') state.userDeleted(event.id)
  else if (event.kind === 'jti') state.jtiRevoked(event.id, Date.parse(event.expires_at ?? '') / 1000 || Date.now() / 1000 + 86_400)
}

export interface RevocationListener {
  stop(): Promise<void>
}

export async function startRevocationListener(pool: Pool, state: RevocationState, logs: LogBus): Promise<RevocationListener> {
  let client: PoolClient | undefined
  let stopped = false
  let retry: NodeJS.Timeout | undefined
  let attempt = 0

  const onNotification = (msg: Notification) => {
    if (msg.channel !== AUTH_CHANNEL || !msg.payload) return
    try {
      applyAuthEvent(state, JSON.parse(msg.payload) as AuthEvent)
    } catch {
      // A malformed payload (someone ran NOTIFY by hand) must not take the listener down.
    }
  }

  const onLost = (from: PoolClient, err?: Error) => {
    // 'error' and 'end' may both fire for one loss; only the current connection's first counts.
    if (client !== from) return
    client = undefined
    from.removeListener('notification', onNotification)
    from.release(err ?? new Error('listener connection lost'))
    if (stopped) return
    state.forgetLive()
    logs.log({ category: 'security', level: 'warn', component: 'auth', message: `auth revocation listener lost its connection${err ? `: ${err.message}` : ''}; reconnecting` })
    schedule()
  }

  const schedule = () => {
    const delay = Math.min(30_000, 250 * 2 ** attempt++)
    retry = setTimeout(() => void connect().catch(() => schedule()), delay)
    retry.unref()
  }

  async function connect(): Promise<void> {
    if (stopped) return
    const c = await pool.connect()
    c.on('notification', onNotification)
    // Kept for the connection's whole life: an 'error' with no listener would crash the process.
    c.on('error', (err) => onLost(c, err))
    c.on('end', () => onLost(c))
    try {
      await c.query(`LISTEN ${AUTH_CHANNEL}`)
    } catch (err) {
      c.removeListener('notification', onNotification)
      c.release(err as Error)
      throw err
    }
    if (stopped) {
      c.release(true)
      return
    }
    client = c
    attempt = 0
  }

  await connect()
  return {
    async stop() {
      stopped = true
      if (retry) clearTimeout(retry)
      const c = client
      client = undefined
      if (c) {
        c.removeListener('notification', onNotification)
        // Destroy rather than return it: a LISTENing connection must not serve requests.
        c.release(true)
      }
    },
  }
}
