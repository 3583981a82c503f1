// renderer/src/shell/Shell.tsx — the studio's frame: sidebar, the current feature, the status bar, and the
// command palette. A feature that throws shows its error in place; the rest of the studio keeps working. A view whose
// code is still loading shows a skeleton (Suspense); a chunk that fails to load is caught by the same boundary.
import { Component, Suspense, useCallback, useState, type ReactElement, type ReactNode } from 'react'
import { useStudioStore } from '../store'
import { FEATURES } from './features'
import { Sidebar } from './Sidebar'
import { StatusBar } from './StatusBar'
import { CommandPalette } from './CommandPalette'
import { useShellShortcuts } from './use-shortcuts'
import { ViewLoading } from './ViewLoading'

class FeatureBoundary extends Component<{ children: ReactNode; feature: string }, { error: Error | null }> {
  override state = { error: null as Error | null }
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override componentDidUpdate(prev: { feature: string }) {
    if (prev.feature !== this.props.feature && this.state.error) this.setState({ error: null })
  }
  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="feature-error" role="alert">
        <h2>This view failed</h2>
        <p>{this.state.error.message}</p>
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}

export function Shell(): ReactElement {
  const view = useStudioStore((s) => s.view)
  const [palette, setPalette] = useState(false)
  const open = useCallback(() => setPalette(true), [])
  useShellShortcuts(open)
  const feature = FEATURES.find((f) => f.id === view) ?? FEATURES[0]
  const View = feature.component
  return (
    <div className="shell">
      <Sidebar />
      <main className="shell__main" data-view={feature.id}>
        <FeatureBoundary feature={feature.id}>
          <Suspense fallback={<ViewLoading label={feature.label} />}>
            <View />
          </Suspense>
        </FeatureBoundary>
      </main>
      <StatusBar />
      {palette && <CommandPalette onClose={() => setPalette(false)} />}
    </div>
  )
}
