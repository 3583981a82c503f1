// deno/host-protocol.ts — the messages between the runtime (Node) and a Deno worker process, on its stdin and
// stdout. Shared by both sides: deno-worker.ts (Node) and host-channel.ts (bundled into the Deno host script).
// Node → Deno: one JSON message per line. Deno → Node: lines starting with FRAME_PREFIX + the worker's nonce;
// any other stdout line is the user's own output (a log line), so a stray write cannot pass for a frame.

export const FRAME_PREFIX = '\u0001fluxbase-frame:'

export type LogLevel = 'info' | 'warn' | 'error'

export type ToHost =
  | { t: 'init'; nonce: string; init: unknown }
  | { t: 'call'; id: number; payload: unknown }
  /** Told to the call in flight (e.g. a job's cancellation), while it runs. */
  | { t: 'signal'; id: number; name: string }

export type FromHost =
  | { t: 'ready' }
  | { t: 'init-error'; message: string }
  | { t: 'log'; id: number | null; level: LogLevel; message: string }
  | { t: 'result'; id: number; payload: unknown }
  /** Something the call reports while it runs (e.g. a job's progress). */
  | { t: 'event'; id: number; name: string; data: unknown }

/** The text of one Deno → Node frame, newline included. */
export function encodeFrame(nonce: string, message: FromHost): string {
  return `${FRAME_PREFIX}${nonce} ${JSON.stringify(message)}\n`
}

/**
 * One stdout line → the frame it carries, or the user text around it. A line may hold user text written without
 * a newline right before a frame: that text comes back as `text`.
 */
export function decodeLine(nonce: string, line: string): { frame?: FromHost; text?: string } {
  const marker = `${FRAME_PREFIX}${nonce} `
  const at = line.indexOf(marker)
  if (at < 0) return { text: line }
  const text = at > 0 ? line.slice(0, at) : undefined
  try {
    return { frame: JSON.parse(line.slice(at + marker.length)) as FromHost, text }
  } catch {
    return { text: line }
  }
}
