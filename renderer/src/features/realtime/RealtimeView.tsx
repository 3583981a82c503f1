// features/realtime/RealtimeView.tsx — the Realtime inspector: every captured change with who received it (Changes),
// columns of clients listening as chosen identities (Listen as), what is connected now (Connections & channels), and
// which tables deliver at all (Tables). The change stream runs while this view is open and resumes where it stopped.
import { useEffect, type ReactElement } from 'react'
import { useStudioStore } from '../../store'
import type { RealtimeTab } from './realtime-slice'
import { ChangesPanel } from './changes/ChangesPanel'
import { ListenPanel } from './listen/ListenPanel'
import { ConnectionsPanel } from './connections/ConnectionsPanel'
import { TablesPanel } from './tables/TablesPanel'
import { StreamStatus } from './StreamStatus'
import { TabPanel, Tabs } from '../../components/ui'
// The inspector's layout: loaded with this lazy chunk, not at start.
import '../../styles/realtime.css'

const TABS: Array<{ id: RealtimeTab; label: string }> = [
  { id: 'changes', label: 'Changes' },
  { id: 'listen', label: 'Listen as' },
  { id: 'connections', label: 'Connections & channels' },
  { id: 'tables', label: 'Tables' },
]

export function RealtimeView(): ReactElement {
  const tab = useStudioStore((s) => s.rtTab)
  const setTab = useStudioStore((s) => s.setRtTab)
  const start = useStudioStore((s) => s.startRtStream)
  const stop = useStudioStore((s) => s.stopRtStream)
  const listeners = useStudioStore((s) => s.rtListeners.length)
  // The studio token arrives after the first render; a new one (runtime restarted) needs a new stream.
  const token = useStudioStore((s) => s.token)

  useEffect(() => {
    if (!token) return
    start()
    return stop
  }, [token, start, stop])

  return (
    <div className="rt-page" data-testid="realtime-page">
      <header className="rt-head">
        <div className="rt-head__title">
          <h1>Realtime</h1>
          <p>Every change PostgreSQL commits, who received it, and what any client would get.</p>
        </div>
        <StreamStatus />
      </header>
      <Tabs
        label="Realtime inspector views"
        value={tab}
        onValueChange={(v) => setTab(v as RealtimeTab)}
        tabs={TABS.map((t) => ({ value: t.id, label: t.label, count: t.id === 'listen' && listeners > 0 ? listeners : undefined, testId: `rt-tab-${t.id}` }))}
      >
        {TABS.map((t) => (
          <TabPanel key={t.id} value={t.id} className="rt-body">
            {t.id === 'changes' ? <ChangesPanel /> : t.id === 'listen' ? <ListenPanel /> : t.id === 'connections' ? <ConnectionsPanel /> : <TablesPanel />}
          </TabPanel>
        ))}
      </Tabs>
    </div>
  )
}
