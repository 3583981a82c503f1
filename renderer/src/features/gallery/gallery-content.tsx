// features/gallery/gallery-content.tsx — the gallery's content parts: Card and Panel, DataTable (rows, selectable,
// empty, loading), SplitPane, KeyValue, CodeBlock, and the feedback parts (EmptyState, InlineError, Skeletons).
import { useState, type ReactElement } from 'react'
import { Inbox, RefreshCw, Table2 } from 'lucide-react'
import { Badge, Button, Card, CodeBlock, DataTable, EmptyState, InlineError, KeyValue, Panel, Skeleton, SkeletonRows, SplitPane, type DataColumn } from '../../components/ui'
import { Example, GallerySection } from './gallery-layout'

interface Policy {
  name: string
  command: string
  roles: string
  permissive: boolean
}

const POLICIES: Policy[] = [
  { name: 'owners read their rows', command: 'SELECT', roles: 'authenticated', permissive: true },
  { name: 'owners write their rows', command: 'UPDATE', roles: 'authenticated', permissive: true },
  { name: 'no deletes for anon', command: 'DELETE', roles: 'anon', permissive: false },
]

const COLUMNS: Array<DataColumn<Policy>> = [
  { key: 'name', header: 'Policy' },
  { key: 'command', header: 'Command', cell: (p) => <Badge tone="accent">{p.command}</Badge>, width: '110px' },
  { key: 'roles', header: 'Roles', mono: true },
  { key: 'permissive', header: 'Kind', cell: (p) => (p.permissive ? 'permissive' : <Badge tone="warn">restrictive</Badge>) },
]

export function SurfacesSection(): ReactElement {
  return (
    <GallerySection id="surfaces" title="Surfaces">
      <Example name="Card: icon, title, subtitle, actions">
        <Card icon="database" accent title="Connect" subtitle="Point @fluxbase/sdk at these." actions={<Button size="sm">Docs</Button>}>
          <KeyValue
            items={[
              { key: 'API URL', label: 'API URL', value: 'http://127.0.0.1:54321', copy: 'http://127.0.0.1:54321', mono: true },
              { key: 'anon key', label: 'anon key', value: 'eyJhbGciOi…', copy: 'eyJhbGciOiJIUzI1NiJ9', mono: true },
              { key: 'PostgreSQL', label: 'PostgreSQL', value: '18.1' },
            ]}
          />
        </Card>
      </Example>
      <Example name="Panel: title, hint, actions">
        <Panel title="Listeners" hint="2 connected" actions={<Button size="sm" icon={RefreshCw}>Reconnect</Button>}>
          <p style={{ margin: 0 }}>A section inside a view, lighter than a Card.</p>
        </Panel>
      </Example>
      <Example name="SplitPane (drag or arrow keys on the divider)" wide>
        <div style={{ height: 140, border: '1px solid var(--color-border)', borderRadius: 'var(--radius-md)' }}>
          <SplitPane label="Resize the list" defaultSize={220} start={<div className="gallery__pane">List</div>} end={<div className="gallery__pane">Detail</div>} />
        </div>
      </Example>
    </GallerySection>
  )
}

export function DataSection(): ReactElement {
  const [selected, setSelected] = useState('owners read their rows')
  return (
    <GallerySection id="data" title="Data">
      <Example name="DataTable: selectable rows (click or Enter)" wide>
        <DataTable caption="Policies" columns={COLUMNS} rows={POLICIES} rowKey={(p) => p.name} onRowClick={(p) => setSelected(p.name)} selectedKey={selected} />
      </Example>
      <Example name="DataTable: empty">
        <DataTable caption="Policies (none)" columns={COLUMNS} rows={[]} rowKey={(p) => p.name} empty={<EmptyState size="compact" icon={Inbox} title="No policies yet" />} />
      </Example>
      <Example name="DataTable: loading">
        <DataTable caption="Policies (loading)" columns={COLUMNS} rows={[]} rowKey={(p) => p.name} loading={<SkeletonRows rows={3} columns={4} />} />
      </Example>
      <Example name="CodeBlock: scrolls sideways">
        <CodeBlock language="sql" code={"create policy \"owners read their rows\" on public.notes for select to authenticated using (owner_id = auth.uid());"} />
      </Example>
      <Example name="CodeBlock: wrapped">
        <CodeBlock language="jwt" wrap code="eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoiYW5vbiIsImlzcyI6ImZsdXhiYXNlIn0.c2lnbmF0dXJlLWdvZXMtaGVyZQ" />
      </Example>
    </GallerySection>
  )
}

export function FeedbackSection(): ReactElement {
  return (
    <GallerySection id="feedback" title="Empty, error, loading">
      <Example name="EmptyState (page)">
        <EmptyState icon={Table2} title="No tables yet" action={<Button variant="primary">Create table</Button>}>
          Tables you create here, or with migrations in the project folder, show up in this list.
        </EmptyState>
      </Example>
      <Example name="InlineError: title, code, message, hint, action">
        <InlineError
          title="Could not save the row"
          code="23505"
          message={'duplicate key value violates unique constraint "users_email_key"'}
          hint="Another row already has this email; change it or edit that row."
          action={<Button size="sm">Retry</Button>}
        />
      </Example>
      <Example name="InlineError: message only">
        <InlineError message="The runtime did not answer (connection refused)." />
      </Example>
      <Example name="Skeleton and SkeletonRows (loading)">
        <p style={{ margin: 0 }}>
          PostgreSQL <Skeleton width="6rem" />
        </p>
        <SkeletonRows rows={3} columns={3} />
      </Example>
    </GallerySection>
  )
}
