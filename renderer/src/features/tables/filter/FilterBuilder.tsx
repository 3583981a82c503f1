// features/tables/filter/FilterBuilder.tsx — the filter builder: rules (column, operator, value) in groups matched
// ALL (AND) or ANY (OR), nestable one level per click; shows the REST query it becomes, applies on Apply or Enter.
import { useState, type ReactElement } from 'react'
import type { ColumnMeta } from '../../../../../contract/table-meta'
import { filterParams, newRule, OPERATORS, OPERATOR, emptyFilter, newId, type FilterGroup, type FilterNode, type FilterOp, type FilterRule } from '../lib/filter-model'
import { queryString } from '../lib/rest-query'
import { valueKind } from '../lib/value-types'

function defaultOp(column: ColumnMeta | undefined): FilterOp {
  const kind = column ? valueKind(column) : 'text'
  if (kind === 'bool') return 'istrue'
  if (kind === 'array' || kind === 'json') return 'cs'
  if (kind === 'text') return 'ilike'
  return 'eq'
}

function update(node: FilterGroup, id: string, fn: (n: FilterNode) => FilterNode | null): FilterGroup {
  const children: FilterNode[] = []
  for (const child of node.children) {
    if (child.id === id) {
      const next = fn(child)
      if (next) children.push(next)
    } else if (child.kind === 'group') {
      children.push(update(child, id, fn))
    } else {
      children.push(child)
    }
  }
  return { ...node, children }
}

function RuleEditor({ rule, columns, onChange, onRemove, onSubmit }: { rule: FilterRule; columns: ColumnMeta[]; onChange: (r: FilterRule) => void; onRemove: () => void; onSubmit: () => void }): ReactElement {
  const info = OPERATOR.get(rule.op)
  return (
    <div className="tb-filter__rule" data-testid="filter-rule">
      <select className="ui-select" aria-label="Column" value={rule.column} onChange={(e) => onChange({ ...rule, column: e.target.value, op: defaultOp(columns.find((c) => c.name === e.target.value)) })}>
        {columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
      <select className="ui-select" aria-label="Operator" value={rule.op} onChange={(e) => onChange({ ...rule, op: e.target.value as FilterOp })}>
        {OPERATORS.map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      {info?.takesValue ? (
        <input
          className="ui-input tb-filter__value"
          aria-label="Value"
          placeholder={info.placeholder ?? 'value'}
          value={rule.value}
          onChange={(e) => onChange({ ...rule, value: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onSubmit()
          }}
        />
      ) : (
        <span className="tb-filter__novalue" />
      )}
      <button type="button" className="icon-button" aria-label="Remove this condition" title="Remove" onClick={onRemove}>
        ×
      </button>
    </div>
  )
}

function GroupEditor({ group, columns, depth, onChange, onRemove, onSubmit }: { group: FilterGroup; columns: ColumnMeta[]; depth: number; onChange: (g: FilterGroup) => void; onRemove?: () => void; onSubmit: () => void }): ReactElement {
  const setChild = (id: string, fn: (n: FilterNode) => FilterNode | null) => onChange(update(group, id, fn))
  return (
    <div className={`tb-filter__group${depth ? ' tb-filter__group--nested' : ''}`}>
      <div className="tb-filter__grouphead">
        <span>Match</span>
        <div className="ui-segmented" role="group" aria-label="Combine conditions with">
          <button type="button" className="ui-segmented__item" aria-pressed={group.combinator === 'and'} onClick={() => onChange({ ...group, combinator: 'and' })}>
            all (AND)
          </button>
          <button type="button" className="ui-segmented__item" aria-pressed={group.combinator === 'or'} onClick={() => onChange({ ...group, combinator: 'or' })}>
            any (OR)
          </button>
        </div>
        <span>of these conditions</span>
        {onRemove && (
          <button type="button" className="ui-button ui-button--ghost ui-button--small" onClick={onRemove}>
            Remove group
          </button>
        )}
      </div>
      {group.children.map((child) =>
        child.kind === 'rule' ? (
          <RuleEditor key={child.id} rule={child} columns={columns} onSubmit={onSubmit} onChange={(r) => setChild(child.id, () => r)} onRemove={() => setChild(child.id, () => null)} />
        ) : (
          <GroupEditor key={child.id} group={child} columns={columns} depth={depth + 1} onSubmit={onSubmit} onChange={(g) => setChild(child.id, () => g)} onRemove={() => setChild(child.id, () => null)} />
        ),
      )}
      <div className="tb-filter__add">
        <button type="button" className="ui-button ui-button--small" onClick={() => onChange({ ...group, children: [...group.children, newRule(columns[0]?.name ?? '', defaultOp(columns[0]))] })}>
          + Condition
        </button>
        {depth < 3 && (
          <button
            type="button"
            className="ui-button ui-button--small ui-button--ghost"
            onClick={() =>
              onChange({
                ...group,
                children: [...group.children, { kind: 'group', id: newId(), combinator: group.combinator === 'and' ? 'or' : 'and', children: [newRule(columns[0]?.name ?? '', defaultOp(columns[0]))] }],
              })
            }
          >
            + Group ({group.combinator === 'and' ? 'OR' : 'AND'})
          </button>
        )}
      </div>
    </div>
  )
}

export function FilterBuilder({ filter, columns, onApply, onClose }: { filter: FilterGroup; columns: ColumnMeta[]; onApply: (f: FilterGroup) => void; onClose: () => void }): ReactElement {
  const [draft, setDraft] = useState<FilterGroup>(() => (filter.children.length ? filter : { ...filter, children: [newRule(columns[0]?.name ?? '', defaultOp(columns[0]))] }))
  const params = filterParams(draft)
  const apply = (): void => onApply(draft)
  return (
    <div className="tb-filter" data-testid="filter-builder">
      <GroupEditor group={draft} columns={columns} depth={0} onChange={setDraft} onSubmit={apply} />
      <div className="tb-filter__foot">
        <code className="tb-filter__query" title="The filter as the REST API receives it">
          {params.length ? `?${queryString(params)}` : 'No condition yet: every row is shown.'}
        </code>
        <button
          type="button"
          className="ui-button ui-button--ghost"
          onClick={() => {
            onApply(emptyFilter())
            onClose()
          }}
        >
          Clear
        </button>
        <button type="button" className="ui-button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="ui-button ui-button--primary" onClick={apply} data-testid="apply-filter">
          Apply
        </button>
      </div>
    </div>
  )
}
