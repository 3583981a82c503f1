// features/functions/FunctionsView.tsx — the Functions page: the project's edge functions (state, error location,
// last calls) on the left; the chosen one's facts, annotations and invoke panel on the right. The list refreshes
// every few seconds so a save (hot reload) or a broken file shows without a click. Off → the flag that turns it on.
import { useCallback, useEffect, useState, type ReactElement } from 'react'
import { EmptyState, InlineError, SkeletonRows, SplitPane } from '../../components/ui'
import { getCompute, type ComputeInfo } from '../../api/compute-api'
import { listFunctions, type FunctionsList } from '../../api/functions-api'
import { FunctionList } from './FunctionList'
import { FunctionDetail } from './FunctionDetail'
import './compute-text.css'
import './functions.css'

const REFRESH_MS = 3_000

export function FunctionsView(): ReactElement {
  const [compute, setCompute] = useState<ComputeInfo | null>(null)
  const [list, setList] = useState<FunctionsList | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)

  const refresh = useCallback(async (signal?: AbortSignal) => {
    try {
      const [c, l] = await Promise.all([getCompute(signal), listFunctions(signal)])
      setCompute(c)
      setList(l)
      setError(null)
      setSelected((s) => s ?? l.functions[0]?.name ?? null)
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setError((err as Error).message)
    }
  }, [])

  useEffect(() => {
    const controller = new AbortController()
    void refresh(controller.signal)
    const timer = setInterval(() => void refresh(controller.signal), REFRESH_MS)
    return () => {
      controller.abort()
      clearInterval(timer)
    }
  }, [refresh])

  if (error && !list) return <div className="functions compute-table" data-testid="functions-page"><InlineError title="Could not load the functions" message={error} /></div>
  if (!list || !compute) return <div className="functions compute-table" data-testid="functions-page"><SkeletonRows rows={4} columns={3} label="Loading functions" /></div>
  if (!list.enabled) {
    return (
      <div className="functions compute-table" data-testid="functions-page">
        <EmptyState title="Edge functions are off" icon="info">
          <p data-testid="functions-off-hint">{list.hint ?? compute.functions.hint ?? 'Start the studio with --functions-dir DIR (or --project DIR) to run your functions here.'}</p>
        </EmptyState>
      </div>
    )
  }
  const fn = list.functions.find((f) => f.name === selected) ?? null
  return (
    <div className="functions compute-table" data-testid="functions-page">
      <SplitPane
        label="Functions list width"
        defaultSize={340}
        start={<FunctionList list={list} selected={selected} onSelect={setSelected} />}
        end={
          fn ? (
            <FunctionDetail key={fn.name} fn={fn} compute={compute} onInvoked={() => void refresh()} />
          ) : (
            <EmptyState title="No function chosen" size="compact">
              <p>Pick a function on the left, or add a file to {list.dir}.</p>
            </EmptyState>
          )
        }
      />
    </div>
  )
}
