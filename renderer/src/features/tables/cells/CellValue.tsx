// features/tables/cells/CellValue.tsx — one value drawn by its column type: NULL apart from empty text, booleans,
// numbers aligned, jsonb and arrays as compact previews, timestamps with the local time on hover, uuid, bytea sizes.
import { memo, type ReactElement } from 'react'
import { previewText, type ValueKind } from '../lib/value-types'

function localTime(value: string): string | undefined {
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? undefined : `${d.toLocaleString()} (your time zone)`
}

export const CellValue = memo(function CellValue({ kind, value }: { kind: ValueKind; value: unknown }): ReactElement {
  if (value === null || value === undefined) return <span className="tb-v tb-v--null">NULL</span>
  switch (kind) {
    case 'bool':
      return <span className={`tb-v tb-v--bool tb-v--${value ? 'true' : 'false'}`}>{value ? '✓ true' : '✗ false'}</span>
    case 'number':
      return <span className="tb-v tb-v--number tabular">{String(value)}</span>
    case 'json':
      return <span className="tb-v tb-v--json">{previewText(kind, value)}</span>
    case 'array': {
      if (!Array.isArray(value)) return <span className="tb-v tb-v--json">{String(value)}</span>
      if (value.length === 0) return <span className="tb-v tb-v--faint">[] empty</span>
      return (
        <span className="tb-v tb-v--array">
          {value.slice(0, 8).map((item, i) => (
            <span key={i} className={`tb-chip${item === null ? ' tb-chip--null' : ''}`}>
              {item === null ? 'NULL' : typeof item === 'object' ? JSON.stringify(item) : String(item)}
            </span>
          ))}
          {value.length > 8 && <span className="tb-v--faint">+{value.length - 8}</span>}
        </span>
      )
    }
    case 'timestamptz':
    case 'timestamp':
      return (
        <span
          className="tb-v tb-v--time tabular"
          // The local time is formatted on hover only: Intl formatting for every cell of every frame is not free.
          onMouseEnter={kind === 'timestamptz' ? (e) => (e.currentTarget.title ||= localTime(String(value)) ?? '') : undefined}
        >
          {previewText(kind, value)}
        </span>
      )
    case 'uuid':
      return <span className="tb-v tb-v--mono">{String(value)}</span>
    case 'bytea':
      return <span className="tb-v tb-v--mono tb-v--faint">{previewText(kind, value)}</span>
    default: {
      const text = String(value)
      if (text === '') return <span className="tb-v tb-v--empty" title="Empty text (not NULL)" />
      return <span className="tb-v">{previewText(kind, text)}</span>
    }
  }
})
