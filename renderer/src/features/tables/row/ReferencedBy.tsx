// features/tables/row/ReferencedBy.tsx — the rows elsewhere that point at this one (foreign keys into this table,
// from the structure's referencedBy): how many per key, counted as the current identity, each a link that opens
// that table filtered to them.
import { useEffect, useState, type ReactElement } from 'react'
import type { ForeignKeyMeta } from '../../../../../contract/table-meta'
import { countRows } from '../../../api/tables-api'
import { useStudioStore } from '../../../store'
import { equalityFilter, filterParams } from '../lib/filter-model'
import { valueToText, type Row } from '../lib/value-types'
import { errorWords } from '../ui/ErrorNote'
import { formatCount } from '../ui/format'

function pairsFor(fk: ForeignKeyMeta, row: Row): Array<[string, string]> | null {
  const pairs: Array<[string, string]> = []
  for (let i = 0; i < fk.from_columns.length; i++) {
    const v = valueToText(row[fk.to_columns[i]])
    if (v === null) return null
    pairs.push([fk.from_columns[i], v])
  }
  return pairs
}

function Reference({ fk, row }: { fk: ForeignKeyMeta; row: Row }): ReactElement {
  const openTable = useStudioStore((s) => s.openTable)
  const identity = useStudioStore((s) => s.identity.label)
  const [count, setCount] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const pairs = pairsFor(fk, row)
  const key = JSON.stringify(pairs)
  useEffect(() => {
    if (!pairs) return
    const controller = new AbortController()
    setCount(null)
    setError(null)
    countRows(fk.from_schema, fk.from_table, filterParams(equalityFilter(pairs)), 'estimated', controller.signal).then(setCount, (err: unknown) => {
      if ((err as Error).name !== 'AbortError') setError(errorWords(err).message)
    })
    return () => controller.abort()
    // The key string stands for the pairs.
  }, [fk.from_schema, fk.from_table, key, identity])
  const where = `${fk.from_table}.${fk.from_columns.join(', ')}`
  return (
    <li className="tb-refs__item" data-testid="referenced-by">
      <button
        type="button"
        className="tb-link"
        disabled={!pairs}
        onClick={() => pairs && openTable(fk.from_schema, fk.from_table, { filter: equalityFilter(pairs), follow: true })}
        title={`Open ${fk.from_schema}.${fk.from_table} filtered to the rows whose ${fk.from_columns.join(', ')} point here`}
      >
        {fk.from_schema === 'public' ? '' : `${fk.from_schema}.`}
        {where}
      </button>
      <span className="tb-refs__count">
        {!pairs ? 'key is NULL' : error ? <span className="tb-warn">{error}</span> : count === null ? '…' : `${formatCount(count)} row${count === 1 ? '' : 's'}`}
      </span>
    </li>
  )
}

export function ReferencedBy({ fks, row }: { fks: ForeignKeyMeta[]; row: Row }): ReactElement {
  if (fks.length === 0) return <p className="tb-hint">No foreign key points at this table.</p>
  return (
    <ul className="tb-refs">
      {fks.map((fk) => (
        <Reference key={fk.name} fk={fk} row={row} />
      ))}
    </ul>
  )
}
