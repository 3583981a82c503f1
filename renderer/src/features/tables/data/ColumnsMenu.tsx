// features/tables/data/ColumnsMenu.tsx — which columns the grid shows and in what order (also draggable in the
// header); remembered per table.
import type { ReactElement } from 'react'
import type { ColumnMeta } from '../../../../../contract/table-meta'
import type { ColumnLayout } from '../../../store/tables-slice'
import { Popover } from '../ui/Popover'

export function orderedColumns(columns: ColumnMeta[], layout: ColumnLayout | undefined): string[] {
  const names = columns.map((c) => c.name)
  const saved = (layout?.order ?? []).filter((n) => names.includes(n))
  return [...saved, ...names.filter((n) => !saved.includes(n))]
}

export function ColumnsMenu({ columns, layout, onChange }: { columns: ColumnMeta[]; layout: ColumnLayout | undefined; onChange: (layout: ColumnLayout) => void }): ReactElement {
  const order = orderedColumns(columns, layout)
  const hidden = layout?.hidden ?? {}
  const hiddenCount = order.filter((n) => hidden[n]).length
  const save = (patch: Partial<ColumnLayout>) => onChange({ order, hidden, sizes: layout?.sizes ?? {}, ...patch })
  const moveBy = (name: string, by: number) => {
    const i = order.indexOf(name)
    const j = i + by
    if (j < 0 || j >= order.length) return
    const next = [...order]
    next.splice(i, 1)
    next.splice(j, 0, name)
    save({ order: next })
  }
  return (
    <Popover label="Columns" title="Show, hide and reorder columns" badge={hiddenCount ? <span className="ui-count">{hiddenCount} hidden</span> : undefined} testId="columns-menu">
      {() => (
        <div className="tb-menu tb-menu--columns">
          <ul className="tb-colmenu">
            {order.map((name, i) => (
              <li key={name} className="tb-colmenu__item">
                <label>
                  <input type="checkbox" checked={!hidden[name]} onChange={() => save({ hidden: { ...hidden, [name]: !hidden[name] } })} />
                  <span>{name}</span>
                </label>
                <button type="button" className="icon-button" aria-label={`Move ${name} left`} disabled={i === 0} onClick={() => moveBy(name, -1)}>
                  ↑
                </button>
                <button type="button" className="icon-button" aria-label={`Move ${name} right`} disabled={i === order.length - 1} onClick={() => moveBy(name, 1)}>
                  ↓
                </button>
              </li>
            ))}
          </ul>
          <div className="tb-menu__row">
            <button type="button" className="ui-button ui-button--small" onClick={() => save({ hidden: {} })}>
              Show all
            </button>
            <button type="button" className="ui-button ui-button--small ui-button--ghost" onClick={() => onChange({ order: [], hidden: {}, sizes: {} })}>
              Reset layout
            </button>
          </div>
        </div>
      )}
    </Popover>
  )
}
