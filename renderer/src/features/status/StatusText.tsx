// renderer/src/features/status/StatusText.tsx — a plain runtime fact, formatted, selected alone from
// the store; a skeleton until the first status arrives.
import type { ReactElement } from 'react'
import { Skeleton } from '../../components/Skeleton'
import { useStudioStore, type StudioState } from '../../store'

export interface StatusTextProps<Value> {
  select(state: StudioState): Value | undefined
  format?(value: Value): string
  mono?: boolean
  testId?: string
}

export function StatusText<Value extends string | number>({ select, format, mono, testId }: StatusTextProps<Value>): ReactElement {
  const value = useStudioStore(select)
  if (value === undefined) return <Skeleton width="6rem" />
  const text = format ? format(value) : String(value)
  return (
    <span className={mono ? 'fact__value fact__value--mono' : 'fact__value'} data-testid={testId} title={mono ? text : undefined}>
      {text}
    </span>
  )
}
