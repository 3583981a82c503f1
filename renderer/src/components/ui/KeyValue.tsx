// components/ui/KeyValue.tsx — a description list of facts (a user's id and email, a bucket's limits, an event's
// headers): the term on the left, the value on the right, a copy button where asked. Styles: KeyValue.css.
import type { ReactElement, ReactNode } from 'react'
import { CopyButton } from './CopyButton'

export interface KeyValueItem {
  key: string
  label: ReactNode
  value: ReactNode
  /** Set to the text to copy: adds a CopyButton named after `key`. */
  copy?: string
  /** Show the value in the monospace face (ids, keys, paths). */
  mono?: boolean
}

export function KeyValue({ items, className }: { items: KeyValueItem[]; className?: string }): ReactElement {
  return (
    <dl className={className ? `ui-kv ${className}` : 'ui-kv'}>
      {items.map((item) => (
        <div key={item.key} className="ui-kv__row">
          <dt className="ui-kv__key">{item.label}</dt>
          <dd className={item.mono ? 'ui-kv__value ui-kv__value--mono' : 'ui-kv__value'}>
            <span className="ui-kv__text">{item.value}</span>
            {item.copy !== undefined && <CopyButton value={item.copy} label={item.key} />}
          </dd>
        </div>
      ))}
    </dl>
  )
}
