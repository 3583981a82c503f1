// renderer/src/api/logs-api.ts — the log viewer's requests: a page of stored entries matching the filters (newest
// first; `end_time` pages further back) and the export of every match as JSON lines, saved as a file.
import type { LogQueryResult } from '../../../contract/studio-logs'
import { studioCall, studioToken, StudioApiError, ApiCallError } from './studio-api'
import { runtimeUrl } from './studio-connection'

export function queryLogs(params: URLSearchParams, limit: number, signal?: AbortSignal): Promise<LogQueryResult> {
  const q = new URLSearchParams(params)
  q.set('limit', String(limit))
  return studioCall<LogQueryResult>(`/studio/api/logs?${q}`, { signal, asIdentity: false })
}

/** Downloads the filtered entries as a .jsonl file; resolves to how many bytes were saved. */
export async function downloadLogExport(params: URLSearchParams, fileName: string): Promise<number> {
  const token = studioToken()
  let res: Response
  try {
    res = await fetch(runtimeUrl(`/studio/api/logs/export?${params}`), { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store', credentials: 'omit' })
  } catch {
    throw new StudioApiError('unreachable', 'The studio cannot reach the runtime (it may be restarting). Try again in a moment.')
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string }
    throw new ApiCallError(body.error ?? body.message ?? `HTTP ${res.status}`, res.status, body)
  }
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  // Give the download a moment to start before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return blob.size
}
