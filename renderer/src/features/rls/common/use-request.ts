// features/rls/common/use-request.ts — the simulator's two ways to call the runtime: a request that reruns when
// its inputs change (explain, matrix, findings), keeping the last answer on screen while the next one loads, and
// an action the user triggers (dry run, apply), whose error stays next to the button that caused it.
import { useCallback, useEffect, useRef, useState } from 'react'
import { useStudioStore } from '../../../store'

export interface RequestState<T> {
  data: T | null
  error: string | null
  loading: boolean
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Runs `fn` now and whenever `key` changes (null key: idle). Aborts the previous run. Waits for the studio token
 * (a view restored on start-up mounts before the token is known).
 */
export function useRequest<T>(requestKey: string | null, fn: (signal: AbortSignal) => Promise<T>): RequestState<T> & { reload(): void } {
  const token = useStudioStore((s) => s.token)
  const key = requestKey !== null && token ? `${requestKey}\u0000${token}` : null
  const [state, setState] = useState<RequestState<T>>({ data: null, error: null, loading: key !== null })
  const [nonce, setNonce] = useState(0)
  const latest = useRef(fn)
  latest.current = fn
  useEffect(() => {
    if (key === null) {
      setState({ data: null, error: null, loading: false })
      return
    }
    const controller = new AbortController()
    setState((s) => ({ ...s, loading: true }))
    latest.current(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, error: null, loading: false }),
      (err: unknown) => !controller.signal.aborted && setState((s) => ({ data: s.data, error: errorText(err), loading: false })),
    )
    return () => controller.abort()
  }, [key, nonce])
  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { ...state, reload }
}

/** A user-triggered call: run(args) → its result, or its error in words; `busy` while it runs. */
export function useAction<A extends unknown[], T>(fn: (...args: A) => Promise<T>) {
  const [state, setState] = useState<RequestState<T>>({ data: null, error: null, loading: false })
  const latest = useRef(fn)
  latest.current = fn
  const latestError = useRef<string | null>(null)
  const run = useCallback(async (...args: A): Promise<T | undefined> => {
    latestError.current = null
    setState((s) => ({ ...s, loading: true, error: null }))
    try {
      const data = await latest.current(...args)
      setState({ data, error: null, loading: false })
      return data
    } catch (err) {
      latestError.current = errorText(err)
      setState({ data: null, error: latestError.current, loading: false })
      return undefined
    }
  }, [])
  // For the kit's ConfirmDialog, which keeps itself open and shows the message when its action throws.
  const runOrThrow = useCallback(
    async (...args: A): Promise<T> => {
      const data = await run(...args)
      if (data === undefined) throw new Error(latestError.current ?? 'The request failed')
      return data
    },
    [run],
  )
  const reset = useCallback(() => setState({ data: null, error: null, loading: false }), [])
  return { ...state, run, runOrThrow, reset }
}
