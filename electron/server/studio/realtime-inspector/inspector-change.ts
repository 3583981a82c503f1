// studio/realtime-inspector/inspector-change.ts — a captured change → what the inspector shows: the row data (long
// values cut down, so a burst of big rows cannot swamp the studio; the auth tables' secrets never), and what realtime could do with it at capture
// time (table on or off, how many subscriptions listened). Pure apart from reading the registry and subscriptions.
import type { ChangeEvent } from '../../realtime/change-event.js'
import type { SchemaRegistry } from '../../realtime/schema-registry.js'
import type { Subscriptions } from '../../realtime/subscriptions.js'
import type { Identity } from '../../identity.js'
import type { ChangeDelivery, InspectorChange, InspectorIdentity } from '../../../../contract/studio-realtime.js'

/** Longest value (as text) the inspector keeps; the clients themselves always get the whole row. */
export const MAX_VALUE_CHARS = 4000

function clipRow(row: Record<string, unknown> | null, cut: Set<string>): Record<string, unknown> | null {
  if (!row) return row
  let out: Record<string, unknown> | undefined
  for (const [k, v] of Object.entries(row)) {
    let clipped: unknown
    if (typeof v === 'string' && v.length > MAX_VALUE_CHARS) clipped = `${v.slice(0, MAX_VALUE_CHARS)}… (${v.length - MAX_VALUE_CHARS} more characters)`
    else if (v !== null && typeof v === 'object') {
      const text = JSON.stringify(v)
      if (text.length > MAX_VALUE_CHARS) clipped = `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length - MAX_VALUE_CHARS} more characters of JSON)`
    }
    if (clipped === undefined) continue
    out ??= { ...row }
    out[k] = clipped
    cut.add(k)
  }
  return out ?? row
}

/** What the inspector shows instead of a secret column of the runtime's own tables. */
export const SECRET_SHOWN_AS = '(secret: not shown)'

/**
 * Columns of the runtime's auth tables that hold secrets or their hashes (auth.passwords.hash, one-time token
 * hashes, refresh token ids): the change feed never carries them, not even a prefix, whoever opens the studio.
 */
function isSecretColumn(schema: string, column: string): boolean {
  return schema === 'auth' && /hash|token|secret|password|jti/i.test(column) && column !== 'token_type'
}

function hideSecrets(schema: string, row: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!row || schema !== 'auth') return row
  let out: Record<string, unknown> | undefined
  for (const k of Object.keys(row)) {
    if (!isSecretColumn(schema, k) || row[k] === null) continue
    out ??= { ...row }
    out[k] = SECRET_SHOWN_AS
  }
  return out ?? row
}

export function deliveryOf(event: ChangeEvent, registry: SchemaRegistry): ChangeDelivery {
  if (event.type === 'DDL' || event.type === 'TRUNCATE') return 'not_delivered'
  if (event.schema === 'realtime' && event.table === 'schema_registry') return 'not_delivered'
  const entry = registry.enabled(event.schema, event.table)
  if (!entry) return 'realtime_off'
  return (entry.events as string[]).includes(event.type) ? 'live' : 'event_off'
}

function listeningTo(event: ChangeEvent, subscriptions: Subscriptions): number {
  let n = 0
  for (const sub of subscriptions.forTable(event.schema, event.table) ?? []) if (sub.event === '*' || sub.event === event.type) n++
  return n
}

export function inspectorChange(event: ChangeEvent, registry: SchemaRegistry, subscriptions: Subscriptions, recorded: boolean): InspectorChange {
  const delivery = deliveryOf(event, registry)
  const cut = new Set<string>()
  const change: InspectorChange = {
    id: event.id,
    seq: event.seq,
    lsn: event.lsn,
    xid: event.xid,
    type: event.type,
    schema: event.schema,
    table: event.table,
    record: clipRow(hideSecrets(event.schema, event.record), cut),
    old_record: clipRow(hideSecrets(event.schema, event.old_record), cut),
    old_key_only: event.oldKeyOnly,
    commit_timestamp: event.commit_timestamp,
    delivery,
    listening: delivery === 'live' ? listeningTo(event, subscriptions) : 0,
    excluded_columns: registry.get(event.schema, event.table)?.excluded_columns ?? [],
    decisions_recorded: recorded,
  }
  if (cut.size) change.truncated = [...cut]
  return change
}

const VOLATILE = new Set(['exp', 'iat', 'nbf'])

export function inspectorIdentity(identity: Identity): InspectorIdentity {
  const claims: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(identity.claims)) if (!VOLATILE.has(k)) claims[k] = v
  const email = typeof identity.claims.email === 'string' && identity.claims.email ? identity.claims.email : undefined
  return { role: identity.appRole, user_id: identity.userId, label: email ?? identity.userId ?? identity.appRole, claims }
}
