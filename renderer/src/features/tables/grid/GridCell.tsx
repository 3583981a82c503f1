// features/tables/grid/GridCell.tsx — one grid cell: the value by type (or its staged new value, marked), a link to
// the referenced row for foreign keys, an expand button for long values, and the inline editor when editing.
import { memo, useEffect, useRef, useState, type ReactElement } from 'react'
import type { ColumnMeta } from '../../../../../contract/table-meta'
import { CellValue } from '../cells/CellValue'
import { cellText, isLongValue, parseInput, valueToText, ValueInputError, type ValueKind } from '../lib/value-types'
import { sameProps } from './same-props'

function localTime(value: string): string {
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? '' : `${d.toLocaleString()} (your time zone)`
}

export interface CellProps {
  rowIndex: number
  column: ColumnMeta
  kind: ValueKind
  value: unknown
  width: number
  staged: boolean
  /** The value before the staged edit (for the title). */
  before?: unknown
  active: boolean
  editing: boolean
  isFk: boolean
  onActivate: (rowIndex: number, column: string) => void
  onStartEdit: (rowIndex: number, column: string) => void
  onCommit: (rowIndex: number, column: string, value: unknown, move?: 'down' | 'right') => void
  onCancel: () => void
  onOpen: (rowIndex: number, column: string) => void
  onFollow: (rowIndex: number, column: string) => void
}

function InlineEditor({ column, kind, value, onCommit, onCancel, onOpen }: { column: ColumnMeta; kind: ValueKind; value: unknown; onCommit: (v: unknown, move?: 'down' | 'right') => void; onCancel: () => void; onOpen: () => void }): ReactElement {
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null)
  const [text, setText] = useState(valueToText(value) ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  // Escape/Enter end the edit before the input goes away; a blur after that must not commit again.
  const done = useRef(false)
  useEffect(() => {
    input.current?.focus()
    if (input.current instanceof HTMLInputElement) input.current.select()
  }, [])
  const commit = (move?: 'down' | 'right'): void => {
    if (done.current) return
    try {
      const parsed = parseInput(kind, text)
      done.current = true
      onCommit(parsed, move)
    } catch (err) {
      if (err instanceof ValueInputError) setProblem(err.message)
      else throw err
    }
  }
  if (kind === 'bool') {
    return (
      <select
        ref={input}
        className="tb-cell__editor"
        aria-label={`New value for ${column.name}`}
        defaultValue={value === null || value === undefined ? 'null' : String(value)}
        onChange={(e) => onCommit(e.target.value === 'null' ? null : e.target.value === 'true')}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel()
        }}
        onBlur={onCancel}
      >
        <option value="true">true</option>
        <option value="false">false</option>
        {column.nullable && <option value="null">NULL</option>}
      </select>
    )
  }
  return (
    <span className="tb-cell__editing">
      <input
        ref={input}
        className="tb-cell__editor"
        aria-label={`New value for ${column.name}`}
        aria-invalid={problem ? true : undefined}
        title={problem ?? 'Enter stages the edit · Esc cancels · Ctrl+Backspace sets NULL'}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value)
          setProblem(null)
        }}
        onKeyDown={(e) => {
          e.stopPropagation()
          if (e.key === 'Enter') commit('down')
          else if (e.key === 'Tab') {
            e.preventDefault()
            commit('right')
          } else if (e.key === 'Escape') {
            done.current = true
            onCancel()
          } else if (e.key === 'Backspace' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            done.current = true
            onCommit(null)
          }
        }}
        onBlur={() => commit()}
      />
      {(kind === 'json' || kind === 'array' || text.length > 80) && (
        <button type="button" className="tb-cell__more" title="Open the full editor" onMouseDown={(e) => e.preventDefault()} onClick={onOpen}>
          ⤢
        </button>
      )}
      {problem && (
        <span className="tb-cell__problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  )
}

// One style object per width: a reused cell keeps the same object, so React has nothing to compare or set.
const widthStyles = new Map<number, { width: number }>()
function widthStyle(width: number): { width: number } {
  let style = widthStyles.get(width)
  if (!style) {
    if (widthStyles.size > 1000) widthStyles.clear()
    widthStyles.set(width, (style = { width }))
  }
  return style
}

export const GridCell = memo(function GridCell(p: CellProps): ReactElement {
  const editable = !p.column.generated && p.column.identity !== 'always'
  const long = isLongValue(p.kind, p.value)
  const title = p.staged ? `Staged change — was: ${p.before === null || p.before === undefined ? 'NULL' : (valueToText(p.before) ?? '').slice(0, 200)}` : p.value === '' ? 'Empty text (not NULL)' : undefined
  // Text straight in the cell (one element per cell); its look (NULL, boolean, number…) is a class.
  const shown = cellText(p.kind, p.value)
  return (
    <div
      role="gridcell"
      className={`tb-td tb-td--${p.kind} tb-look--${shown.look}${p.active ? ' tb-td--active' : ''}${p.staged ? ' tb-td--staged' : ''}${p.editing ? ' tb-td--editing' : ''}${p.isFk && p.value !== null && p.value !== undefined ? ' tb-td--fk' : ''}${long && p.active ? ' tb-td--more' : ''}`}
      style={widthStyle(p.width)}
      title={title}
      data-column={p.column.name}
      aria-selected={p.active || undefined}
      onMouseDown={() => p.onActivate(p.rowIndex, p.column.name)}
      // The local time is formatted on hover only: Intl formatting for every cell of every frame is not free.
      onMouseEnter={p.kind === 'timestamptz' && !title && p.value ? (e) => (e.currentTarget.title ||= localTime(String(p.value))) : undefined}
      onDoubleClick={() => (long || p.kind === 'json' || p.kind === 'array' ? p.onOpen(p.rowIndex, p.column.name) : editable && p.onStartEdit(p.rowIndex, p.column.name))}
    >
      {p.editing ? (
        <InlineEditor
          column={p.column}
          kind={p.kind}
          value={p.value}
          onCommit={(v, move) => p.onCommit(p.rowIndex, p.column.name, v, move)}
          onCancel={p.onCancel}
          onOpen={() => p.onOpen(p.rowIndex, p.column.name)}
        />
      ) : (
        <>
          {p.kind === 'array' && Array.isArray(p.value) ? <CellValue kind={p.kind} value={p.value} /> : shown.text}
          {p.isFk && p.value !== null && p.value !== undefined && (
            <button
              type="button"
              className="tb-cell__fk"
              title="Open the referenced row"
              aria-label={`Open the row ${p.column.name} refers to`}
              onMouseDown={(e) => e.stopPropagation()}
              onClick={() => p.onFollow(p.rowIndex, p.column.name)}
            >
              →
            </button>
          )}
          {long && p.active && (
            <button type="button" className="tb-cell__more" title="Show the whole value" aria-label={`Show the whole ${p.column.name}`} onMouseDown={(e) => e.stopPropagation()} onClick={() => p.onOpen(p.rowIndex, p.column.name)}>
              ⤢
            </button>
          )}
        </>
      )}
    </div>
  )
}, sameProps)
