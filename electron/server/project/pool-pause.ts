// project/pool-pause.ts — holds the runtime's pools while the database is swapped (reset, snapshot restore) or
// copied (snapshot save): new checkouts wait behind a gate instead of failing, requests already running finish
// first. Clients see a short pause, not "database does not allow connections".
import type { Pool } from 'pg'

type Connect = Pool['connect']

export interface PausedPools {
  /** Opens the gate: waiting checkouts proceed (on fresh connections, since the old ones were terminated). */
  resume(): void
}

/** Busy clients = checked out. Long-lived ones (a LISTEN connection) never return, so wait until the count settles. */
async function settle(pools: Pool[], maxMs: number): Promise<void> {
  const busy = () => pools.reduce((n, p) => n + (p.totalCount - p.idleCount), 0)
  const until = Date.now() + maxMs
  let last = busy()
  let stableSince = Date.now()
  while (last > 0 && Date.now() < until && Date.now() - stableSince < 150) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    const now = busy()
    if (now !== last) stableSince = Date.now()
    last = now
  }
}

export async function pausePools(pools: Pool[], maxWaitMs = 2000): Promise<PausedPools> {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const originals = new Map<Pool, Connect>()
  for (const pool of pools) {
    const original = pool.connect.bind(pool) as Connect
    originals.set(pool, pool.connect)
    // pg-pool's query() calls connect(callback); callers call connect() for a promise. Both wait at the gate.
    pool.connect = ((cb?: (...args: unknown[]) => void) => {
      const later = gate.then(() => (original as (cb?: unknown) => unknown)(cb))
      return cb ? undefined : later
    }) as Connect
  }
  await settle(pools, maxWaitMs)
  return {
    resume() {
      for (const [pool, connect] of originals) pool.connect = connect
      open()
    },
  }
}
