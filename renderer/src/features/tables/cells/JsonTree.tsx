// features/tables/cells/JsonTree.tsx — a jsonb (or array) value as a collapsible tree: objects and arrays fold,
// first two levels open, scalars coloured by JSON type, NULL apart.
import { useState, type ReactElement } from 'react'

function Scalar({ value }: { value: unknown }): ReactElement {
  if (value === null) return <span className="tb-json__null">null</span>
  if (typeof value === 'string') return <span className="tb-json__string">"{value}"</span>
  if (typeof value === 'number') return <span className="tb-json__number">{value}</span>
  if (typeof value === 'boolean') return <span className="tb-json__bool">{String(value)}</span>
  return <span>{String(value)}</span>
}

function Node({ name, value, depth }: { name?: string; value: unknown; depth: number }): ReactElement {
  const container = value !== null && typeof value === 'object'
  const [open, setOpen] = useState(depth < 2)
  const label = name !== undefined && <span className="tb-json__key">{name}: </span>
  if (!container) {
    return (
      <li className="tb-json__row">
        {label}
        <Scalar value={value} />
      </li>
    )
  }
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as object)
  const [openMark, closeMark] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  return (
    <li className="tb-json__row">
      <button type="button" className="tb-json__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {label}
      <span className="tb-json__mark">{openMark}</span>
      {!open && (
        <button type="button" className="tb-json__summary" onClick={() => setOpen(true)}>
          {entries.length} {Array.isArray(value) ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'}
        </button>
      )}
      {open && (
        <ul className="tb-json__children">
          {entries.map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
        </ul>
      )}
      <span className="tb-json__mark">{closeMark}</span>
    </li>
  )
}

export function JsonTree({ value }: { value: unknown }): ReactElement {
  return (
    <ul className="tb-json" data-testid="json-tree">
      <Node value={value} depth={0} />
    </ul>
  )
}
