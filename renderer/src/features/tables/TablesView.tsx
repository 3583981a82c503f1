// features/tables/TablesView.tsx — the Tables feature: the table list on the left, the open table (or a start page
// when none is open) on the right, and the create-table dialog (also opened from the command palette).
import { Plus } from 'lucide-react'
import { useState, type ReactElement } from 'react'
import { Button } from '../../components/ui'
import { useStudioStore } from '../../store'
import { CreateTableDialog } from './create/CreateTableDialog'
import { TableList } from './list/TableList'
import { TableWorkspace } from './TableWorkspace'
import '../../styles/tables.css'

function StartPage(): ReactElement {
  const open = useStudioStore((s) => s.setCreateTableOpen)
  const count = useStudioStore((s) => s.tableList?.filter((t) => t.schema === 'public').length)
  return (
    <div className="tb-start">
      <h1>Tables</h1>
      <p>
        {count ? `Pick one of the ${count} tables in public on the left` : 'There is no table in public yet'} — or create one. Rows are read and written through the
        same REST API your app uses, as the identity shown in the status bar.
      </p>
      <ul className="tb-start__tips">
        <li>Double-click a cell to edit it; edits, new rows and deletes are staged and shown as the exact REST calls before anything is written.</li>
        <li>Click a column header to sort, Shift+click to add a column to the sort; Filter builds AND/OR conditions.</li>
        <li>Click → next to a foreign key to open the row it points at; the row panel lists rows that point back.</li>
      </ul>
      <Button variant="primary" icon={Plus} onClick={() => open(true)}>
        Create a table
      </Button>
    </div>
  )
}

export function TablesView(): ReactElement {
  // Reached without a table (sidebar, Ctrl+2, a palette command): the last table shown, if any.
  const lastSchema = useStudioStore((s) => s.lastTable?.schema)
  const lastName = useStudioStore((s) => s.lastTable?.table)
  const schema = useStudioStore((s) => s.viewParams.schema) ?? lastSchema
  const table = useStudioStore((s) => s.viewParams.table) ?? lastName
  const tab = useStudioStore((s) => s.viewParams.tab)
  const createOpen = useStudioStore((s) => s.createTableOpen)
  // Folded by the user (a small window wants the grid's width); not remembered across reloads.
  const [listCollapsed, setListCollapsed] = useState(false)
  return (
    <div className={`tb${listCollapsed ? ' tb--list-collapsed' : ''}`} data-testid="tables-view">
      <TableList collapsed={listCollapsed} onCollapsedChange={setListCollapsed} />
      <div className="tb-main">{schema && table ? <TableWorkspace key={`${schema}.${table}`} schema={schema} table={table} tab={tab === 'structure' ? 'structure' : 'data'} /> : <StartPage />}</div>
      {createOpen && <CreateTableDialog />}
    </div>
  )
}
