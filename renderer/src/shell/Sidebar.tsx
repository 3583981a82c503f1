// renderer/src/shell/Sidebar.tsx — the feature list on the left; the current one is marked, each shows its icon
// (feature-icons.ts; decorative: the label names the button) and its shortcut.
import type { ReactElement } from 'react'
import { Icon, LogoMark } from '../components/ui'
import { FEATURE_ICONS } from './feature-icons'
import { useStudioStore } from '../store'
import { FEATURES } from './features'

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+'

export function Sidebar(): ReactElement {
  const view = useStudioStore((s) => s.view)
  const navigate = useStudioStore((s) => s.navigate)
  return (
    <nav className="sidebar" aria-label="Studio sections">
      <div className="sidebar__brand">
        <LogoMark />
        <span>Fluxbase Studio</span>
      </div>
      <ul className="sidebar__list">
        {FEATURES.map((f) => (
          <li key={f.id}>
            <button
              type="button"
              className={`sidebar__item${view === f.id ? ' sidebar__item--active' : ''}`}
              aria-current={view === f.id ? 'page' : undefined}
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
      <p className="sidebar__hint">
        <kbd>{MOD}K</kbd> commands
      </p>
    </nav>
  )
}
