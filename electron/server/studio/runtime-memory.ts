// studio/runtime-memory.ts — the runtime's memory by part, for GET /studio/api/status (status-routes.ts): what the
// process holds (RSS, V8 heap, buffers) and what each bounded store holds of it — realtime change history, the log
// bus's searchable index, unread WebSocket/SSE send buffers, the fan-out queue, the database pools' connections.
import type { Pool } from 'pg'
import type { ServerContext } from '../context.js'
import { getRealtime } from '../realtime/realtime-service.js'

export interface MemoryReport {
  process: { rss: number; heap_used: number; heap_total: number; external: number; array_buffers: number }
  realtime: { history_events: number; history_bytes: number; fan_out_queued: number } | null
  send_buffers: { websocket: { connections: number; bytes: number }; sse: { streams: number; bytes: number } }
  logs: { entries: number; bytes: number; earlier_runs_entries: number; earlier_runs_bytes: number }
  pools: Record<'api' | 'admin', { connections: number; idle: number; waiting: number }>
}

function sum<T>(items: Iterable<T>, bytes: (item: T) => number): number {
  let total = 0
  for (const item of items) total += bytes(item)
  return total
}

export function runtimeMemory(ctx: ServerContext): MemoryReport {
  const m = process.memoryUsage()
  const rt = getRealtime(ctx)
  const pool = (p: Pool) => ({ connections: p.totalCount, idle: p.idleCount, waiting: p.waitingCount })
  return {
    process: { rss: m.rss, heap_used: m.heapUsed, heap_total: m.heapTotal, external: m.external, array_buffers: m.arrayBuffers },
    realtime: rt ? { history_events: rt.capture.history.size, history_bytes: rt.capture.history.bytes, fan_out_queued: rt.fanOut.stats().queued } : null,
    send_buffers: {
      websocket: { connections: rt?.connections.size ?? 0, bytes: rt ? sum(rt.connections, (c) => c.buffered?.() ?? 0) : 0 },
      sse: { streams: rt?.sseStreams.size ?? 0, bytes: rt ? sum(rt.sseStreams, (s) => s.buffered?.() ?? 0) : 0 },
    },
    logs: { entries: ctx.logs.index.size, bytes: ctx.logs.index.approxBytes(), earlier_runs_entries: ctx.logs.history.size, earlier_runs_bytes: ctx.logs.history.approxBytes() },
    pools: { api: pool(ctx.pools.api), admin: pool(ctx.pools.admin) },
  }
}
