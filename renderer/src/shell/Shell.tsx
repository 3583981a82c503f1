// renderer/src/shell/Shell.tsx — the studio's frame: sidebar, the current feature, the status bar, and the
// command palette. A feature that throws shows its error in place; the rest of the studio keeps working. A view whose
// code is still loading shows a skeleton (Suspense); a chunk that fails to load is caught by the same boundary.
import { Component, Suspense, useCallback, useRef, useState, type ReactElement, type ReactNode } from 'react'
import { Button } from '../components/ui'
import { useStudioStore } from '../store'
import { FEATURES } from './features'
import { Sidebar } from './Sidebar'
import { StatusBar } from './StatusBar'
import { CommandPalette } from './CommandPalette'
import { useShellShortcuts } from './use-shortcuts'
import { ViewLoading } from './ViewLoading'
import { useSidebarCollapsed } from './use-sidebar-collapsed'

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
        <Button onClick={() => this.setState({ error: null })}>Try again</Button>
      </div>
    )
  }
}

export function Shell(): ReactElement {
  const view = useStudioStore((s) => s.view)
  const [palette, setPalette] = useState(false)
  // The palette unmounts as it closes, before Radix can put focus back: the shell does it (the opener, or the
  // search box of the view an action opened, which the action focuses itself).
  const opener = useRef<HTMLElement | null>(null)
  const open = useCallback(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    setPalette(true)
  }, [])
  const close = useCallback(() => {
    setPalette(false)
    const back = opener.current
    requestAnimationFrame(() => {
      if (back?.isConnected && (document.activeElement === document.body || document.activeElement === null)) back.focus()
    })
  }, [])
  useShellShortcuts(open)
  const [collapsed, toggleSidebar] = useSidebarCollapsed()
  const feature = FEATURES.find((f) => f.id === view) ?? FEATURES[0]
  const View = feature.component
  return (
    <div className={`shell${collapsed ? ' shell--collapsed' : ''}`}>
      <Sidebar collapsed={collapsed} onToggle={toggleSidebar} />
      <main className="shell__main" data-view={feature.id}>
        <FeatureBoundary feature={feature.id}>
          <Suspense fallback={<ViewLoading label={feature.label} />}>
            <View />
          </Suspense>
        </FeatureBoundary>
      </main>
      <StatusBar />
      {palette && <CommandPalette onClose={close} />}
    </div>
  )
}
