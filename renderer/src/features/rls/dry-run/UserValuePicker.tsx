// features/rls/dry-run/UserValuePicker.tsx — "pick users by email" for the dry-run values (issue 22): choose a column
// that holds a user id and a user of auth.users by e-mail; the user's uuid is written into that column of the JSON,
// so nobody copies uuids by hand. Shown only when the table has a uuid column.
import { useState, type ReactElement } from 'react'
import type { ColumnSummary } from '../../../api/rls-api'
import { searchUsers } from '../../../api/identity-api'
import { Combobox, Select, Toolbar, ToolbarText } from '../../../components/ui'
import { useRequest } from '../common/use-request'
import { withUserId } from './user-values'

interface Props {
  columns: ColumnSummary[]
  values: string
  onChange(values: string): void
}

export function UserValuePicker({ columns, values, onChange }: Props): ReactElement | null {
  const uuidColumns = columns.filter((c) => c.type.toLowerCase() === 'uuid' && !c.primary_key)
  const [column, setColumn] = useState<string | null>(null)
  const users = useRequest(uuidColumns.length ? 'dry-run-users' : null, (signal) => searchUsers('', signal))
  if (!uuidColumns.length) return null
  const target = column ?? uuidColumns[0].name
  const options = (users.data?.users ?? []).map((u) => ({ value: u.id, label: u.email || '(no e-mail)', description: u.id }))
  return (
    <Toolbar label="Fill a user id" variant="plain">
      <ToolbarText>Fill</ToolbarText>
      {uuidColumns.length > 1 ? (
        <Select size="sm" aria-label="Column to fill with a user id" value={target} onValueChange={setColumn} options={uuidColumns.map((c) => ({ value: c.name, label: c.name }))} />
      ) : (
        <code>{target}</code>
      )}
      <ToolbarText>with the id of</ToolbarText>
      <Combobox
        aria-label={`User whose id goes into ${target}`}
        data-testid="dry-run-user-picker"
        placeholder="a user, by e-mail…"
        searchPlaceholder="Search by e-mail or id…"
        emptyText={users.data && !users.data.users.length ? 'auth.users is empty.' : 'No user matches.'}
        loading={users.loading}
        options={options}
        value={undefined}
        onValueChange={(id) => onChange(withUserId(values, target, id))}
      />
    </Toolbar>
  )
}
