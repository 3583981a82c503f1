// renderer/src/shell/Sidebar.tsx — the feature list on the left; the current one is marked, each shows its icon
// (feature-icons.ts; decorative: the label names the button) and its shortcut. Collapsed (narrow windows, or the
// toggle at its foot) it shows only the icons; each button keeps its name (aria-label) and a tooltip.
import type { ReactElement } from 'react'
import { PanelLeftClose, PanelLeftOpen } from 'lucide-react'
import { Icon, IconButton, LogoMark } from '../components/ui'
import { FEATURE_ICONS } from './feature-icons'
import { useStudioStore } from '../store'
import { FEATURES } from './features'

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+'

export function Sidebar({ collapsed, onToggle }: { collapsed: boolean; onToggle: () => void }): ReactElement {
  const view = useStudioStore((s) => s.view)
  const navigate = useStudioStore((s) => s.navigate)
  return (
    <nav className="sidebar" aria-label="Studio sections" data-collapsed={collapsed || undefined}>
      <div className="sidebar__brand">
        <LogoMark />
        <span className="sidebar__label">Fluxbase Studio</span>
      </div>
      <ul className="sidebar__list">
        {FEATURES.map((f) => (
          <li key={f.id}>
            <button
              type="button"
              className={`sidebar__item${view === f.id ? ' sidebar__item--active' : ''}`}
              aria-current={view === f.id ? 'page' : undefined}
              aria-label={collapsed ? f.label : undefined}
              data-feature={f.id}
              onClick={() => navigate(f.id)}
              title={f.shortcutDigit ? `${f.label} (${MOD}${f.shortcutDigit})` : f.label}
            >
              <span className="sidebar__glyph" aria-hidden="true">
                {FEATURE_ICONS[f.id] ? <Icon name={FEATURE_ICONS[f.id]} size={15} /> : f.glyph}
              </span>
              <span className="sidebar__label">{f.label}</span>
              {f.shortcutDigit && <kbd className="sidebar__kbd">{MOD}{f.shortcutDigit}</kbd>}
            </button>
          </li>
        ))}
      </ul>
      <div className="sidebar__foot">
        <p className="sidebar__hint sidebar__label">
          <kbd>{MOD}K</kbd> search &amp; commands
        </p>
        <IconButton
          label={collapsed ? 'Expand the sidebar' : 'Collapse the sidebar'}
          icon={collapsed ? PanelLeftOpen : PanelLeftClose}
          size="sm"
          aria-expanded={!collapsed}
          data-testid="sidebar-toggle"
          onClick={onToggle}
        />
      </div>
    </nav>
  )
}
