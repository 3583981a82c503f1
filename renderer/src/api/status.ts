// renderer/src/api/status.ts — reads GET /studio/api/status and checks the answer has the contract's
// shape before anything in the store relies on it.
import { STUDIO_STATUS_PATH, type StudioStatus } from '../../../contract/studio-status'
import { StudioApiError, studioGetJson, type StudioRequestOptions } from './studio-http'

const STRING_FIELDS = ['apiUrl', 'anonKey', 'serviceRoleKey', 'databaseUrl', 'postgresVersion', 'startedAt', 'version'] as const

export async function fetchStatus(token: string, options?: StudioRequestOptions): Promise<StudioStatus> {
  const body = await studioGetJson(STUDIO_STATUS_PATH, token, options)
  if (!isStudioStatus(body)) {
    throw new StudioApiError('bad-response', 'The studio runtime sent a status this page does not understand')
  }
  return body
}

export function isStudioStatus(value: unknown): value is StudioStatus {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    STRING_FIELDS.every((field) => typeof record[field] === 'string') &&
    typeof record.uptimeSeconds === 'number' &&
    (record.database === 'up' || record.database === 'down')
  )
}
