// features/rls/common/JsonField.tsx — a JSON text area (claims, values, match, a sample row) that says as you type
// whether it parses and is an object, so a request is only sent with a well-formed body.
import type { ReactElement } from 'react'
import { Field, Textarea } from '../../../components/ui'

export type JsonParse = { ok: true; value: Record<string, unknown> | Array<Record<string, unknown>> } | { ok: false; error: string }

export function parseJsonObject(text: string, allowArray = false): JsonParse {
  if (!text.trim()) return { ok: false, error: 'Empty: type a JSON object' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${(err as Error).message}` }
  }
  if (Array.isArray(value) && allowArray && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) return { ok: true, value: value as Array<Record<string, unknown>> }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: allowArray ? 'Expected an object (one row) or an array of objects' : 'Expected a JSON object, e.g. {"id": 1}' }
  return { ok: true, value: value as Record<string, unknown> }
}

interface Props {
  label: string
  hint?: string
  value: string
  onChange(text: string): void
  error?: string | null
  rows?: number
  testId?: string
}

export function JsonField({ label, hint, value, onChange, error, rows = 5, testId }: Props): ReactElement {
  return (
    <Field label={label} hint={hint} error={error ?? undefined}>
      {(control) => <Textarea {...control} rows={rows} spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />}
    </Field>
  )
}
