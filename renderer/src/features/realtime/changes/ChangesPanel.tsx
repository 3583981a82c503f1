// features/realtime/changes/ChangesPanel.tsx — the live stream: filters and pause on top, the changes newest first on
// the left, the selected change's rows and delivery decisions on the right.
import { useMemo, type ReactElement } from 'react'
import { useStudioStore } from '../../../store'
import { filterChanges } from '../change-filter'
import { ChangeFilterBar } from './ChangeFilterBar'
import { ChangeList } from './ChangeList'
import { ChangeDetail } from './ChangeDetail'

export function ChangesPanel(): ReactElement {
  const live = useStudioStore((s) => s.rtBuffer.changes)
  const frozen = useStudioStore((s) => s.rtFrozen)
  const filters = useStudioStore((s) => s.rtFilters)
  const selectedId = useStudioStore((s) => s.rtSelectedId)
  const source = frozen ?? live
  const shown = useMemo(() => filterChanges(source, filters), [source, filters])
  // The selection survives pausing, filtering and the buffer moving on, for as long as either list holds it.
  const selected = useMemo(() => (selectedId ? (source.find((c) => c.id === selectedId) ?? live.find((c) => c.id === selectedId) ?? null) : null), [selectedId, source, live])

  return (
    <div className="rt-changes">
      <ChangeFilterBar all={source} shownCount={shown.length} />
      <div className={`rt-changes__split${selected ? ' rt-changes__split--detail' : ''}`}>
        <ChangeList changes={shown} total={source.length} />
        {selected && <ChangeDetail change={selected} />}
      </div>
    </div>
  )
}
