// features/gallery/gallery-controls.tsx — the gallery's controls: buttons, icon buttons, badges and chips, tabs,
// toolbar and segmented switch; then the form parts (Field with hint, rules and error; Input, Textarea, Select,
// Combobox) in their default, disabled, error and loading states.
import { useState, type ReactElement } from 'react'
import { Plus, RefreshCw, Trash2 } from 'lucide-react'
import {
  Badge,
  Button,
  Chip,
  Combobox,
  CopyButton,
  Count,
  Field,
  IconButton,
  Input,
  RevealButton,
  Segmented,
  Select,
  TabPanel,
  Tabs,
  Textarea,
  Toolbar,
  ToolbarGroup,
  ToolbarSpacer,
  ToolbarText,
} from '../../components/ui'
import { Example, GallerySection } from './gallery-layout'

const USERS = [
  { value: 'u1', label: 'alice@acme.test', description: 'authenticated' },
  { value: 'u2', label: 'bob@acme.test', description: 'authenticated' },
  { value: 'u3', label: 'carol@acme.test', description: 'admin' },
  { value: 'anon', label: 'Anonymous', description: 'anon key' },
]

type Mode = 'off' | 'on' | 'auto'

const ROLES = [
  { value: 'anon', label: 'anon' },
  { value: 'authenticated', label: 'authenticated' },
  { value: 'service_role', label: 'service_role', disabled: true },
]

export function ControlsSection(): ReactElement {
  const [chips, setChips] = useState({ insert: true, update: false })
  const [revealed, setRevealed] = useState(false)
  const [pressed, setPressed] = useState(true)
  const [mode, setMode] = useState<Mode>('auto')
  return (
    <GallerySection id="controls" title="Buttons, badges, tabs, toolbar">
      <Example name="Button variants">
        <div className="gallery__row">
          <Button>Default</Button>
          <Button variant="primary" icon={Plus}>
            Primary
          </Button>
          <Button variant="danger" icon={Trash2}>
            Danger
          </Button>
          <Button variant="danger-solid">Delete</Button>
          <Button variant="ghost">Ghost</Button>
        </div>
      </Example>
      <Example name="Button states: small, disabled, busy, focus ring">
        <div className="gallery__row">
          <Button size="sm">Small</Button>
          <Button disabled>Disabled</Button>
          <Button variant="primary" disabled>
            Disabled primary
          </Button>
          <Button variant="primary" busy>
            Saving…
          </Button>
          <Button className="gallery__focus-demo">Focused</Button>
        </div>
      </Example>
      <Example name="IconButton: default, pressed toggle, disabled, small; CopyButton; RevealButton">
        <div className="gallery__row">
          <IconButton label="Refresh" icon={RefreshCw} />
          <IconButton label="Pin the panel" icon="eye" pressed={pressed} onClick={() => setPressed(!pressed)} />
          <IconButton label="Refresh (disabled)" icon={RefreshCw} disabled />
          <IconButton label="Close" icon="close" size="sm" />
          <CopyButton value="https://example.test" label="API URL" />
          <RevealButton label="service key" revealed={revealed} onToggle={() => setRevealed(!revealed)} />
        </div>
      </Example>
      <Example name="Badge tones (sm) and status pills (md, dot)">
        <div className="gallery__row">
          <Badge>neutral</Badge>
          <Badge tone="ok">ok</Badge>
          <Badge tone="warn">warn</Badge>
          <Badge tone="danger">danger</Badge>
          <Badge tone="accent">accent</Badge>
          <Badge tone="ok" dot>
            live
          </Badge>
        </div>
        <div className="gallery__row">
          <Badge size="md" tone="ok" dot>
            Running
          </Badge>
          <Badge size="md" tone="danger" dot>
            Stopped
          </Badge>
          <Badge size="md" dot>
            Unknown
          </Badge>
        </div>
      </Example>
      <Example name="Chip (toggle filter): selected, not, disabled; Count">
        <div className="gallery__row">
          <Chip selected={chips.insert} onClick={() => setChips({ ...chips, insert: !chips.insert })}>
            INSERT
          </Chip>
          <Chip selected={chips.update} onClick={() => setChips({ ...chips, update: !chips.update })}>
            UPDATE
          </Chip>
          <Chip selected={false} disabled>
            DELETE
          </Chip>
          <Count value={12} label="12 events" />
          <Count value={3} tone="solid" label="3 staged changes" />
        </div>
      </Example>
      <Example name="Segmented">
        <Segmented<Mode>
          label="Expanded"
          value={mode}
          onValueChange={setMode}
          options={[
            { value: 'off', label: 'Off' },
            { value: 'on', label: 'On' },
            { value: 'auto', label: 'Auto' },
          ]}
        />
      </Example>
      <Example name="Tabs: counts, a disabled tab" wide>
        <Tabs
          label="Gallery tabs"
          tabs={[
            { value: 'events', label: 'Events', count: 12 },
            { value: 'listeners', label: 'Listeners', count: 2 },
            { value: 'tables', label: 'Tables' },
            { value: 'later', label: 'Disabled', disabled: true },
          ]}
        >
          <TabPanel value="events">The events panel. Arrow keys move between tabs.</TabPanel>
          <TabPanel value="listeners">The listeners panel.</TabPanel>
          <TabPanel value="tables">The tables panel.</TabPanel>
        </Tabs>
      </Example>
      <Example name="Toolbar (wraps when narrow)" wide>
        <Toolbar label="Gallery toolbar">
          <ToolbarGroup>
            <Button size="sm" variant="primary" icon={Plus}>
              Insert row
            </Button>
            <Button size="sm">Filter</Button>
            <Button size="sm">Sort</Button>
          </ToolbarGroup>
          <Input aria-label="Search rows" placeholder="Search rows…" style={{ width: 220 }} />
          <ToolbarSpacer />
          <ToolbarText>1–50 of 1,204 rows</ToolbarText>
          <IconButton label="Refresh rows" icon={RefreshCw} />
        </Toolbar>
      </Example>
    </GallerySection>
  )
}

export function FormsSection(): ReactElement {
  const [name, setName] = useState('My Table')
  const [role, setRole] = useState<string | undefined>('authenticated')
  const [user, setUser] = useState<string | undefined>('u2')
  const rules = [
    { text: '1 to 63 characters', met: name.length >= 1 && name.length <= 63 },
    { text: 'lowercase letters, digits and _ only', met: /^[a-z0-9_]*$/.test(name) },
  ]
  return (
    <GallerySection id="forms" title="Fields and pickers">
      <Example name="Field: label, hint">
        <Field label="Bucket name" hint="Shown in URLs; cannot be changed later.">
          {(control) => <Input {...control} defaultValue="avatars" />}
        </Field>
      </Example>
      <Example name="Field: rules shown before submit (one not met)">
        <Field label="Table name" rules={rules} required>
          {(control) => <Input {...control} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </Example>
      <Example name="Field: error">
        <Field label="Email" error="That is not an email address: it has no @.">
          {(control) => <Input {...control} defaultValue="alice.acme.test" />}
        </Field>
      </Example>
      <Example name="Field: disabled input; Textarea">
        <Field label="User id" hint="Assigned by the server.">
          {(control) => <Input {...control} value="7f9c…e21a" disabled readOnly />}
        </Field>
        <Field label="App metadata (JSON)">{(control) => <Textarea {...control} rows={3} defaultValue={'{\n  "plan": "pro"\n}'} />}</Field>
      </Example>
      <Example name="Select: value, placeholder, disabled, error">
        <Field label="Role">{(control) => <Select {...control} options={ROLES} value={role} onValueChange={setRole} />}</Field>
        <Field label="Role (none chosen)">{(control) => <Select {...control} options={ROLES} value={undefined} onValueChange={() => undefined} placeholder="Pick a role…" />}</Field>
        <Field label="Role (disabled)">{(control) => <Select {...control} options={ROLES} value="anon" onValueChange={() => undefined} disabled />}</Field>
        <Field label="Role (error)" error="Choose a role.">
          {(control) => <Select {...control} options={ROLES} value={undefined} onValueChange={() => undefined} />}
        </Field>
      </Example>
      <Example name="Combobox (searchable): value, empty list, loading, disabled">
        <Field label="Act as user">
          {(control) => <Combobox {...control} options={USERS} value={user} onValueChange={setUser} searchPlaceholder="Search users…" data-testid="gallery-combobox" />}
        </Field>
        <Field label="Table (no tables yet)">{(control) => <Combobox {...control} options={[]} value={undefined} onValueChange={() => undefined} emptyText="No tables yet." />}</Field>
        <Field label="Bucket (loading)">{(control) => <Combobox {...control} options={[]} value={undefined} onValueChange={() => undefined} loading />}</Field>
        <Field label="Schema (disabled)">{(control) => <Combobox {...control} options={USERS} value="u1" onValueChange={() => undefined} disabled />}</Field>
      </Example>
    </GallerySection>
  )
}
