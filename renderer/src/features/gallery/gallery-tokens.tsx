// features/gallery/gallery-tokens.tsx — the gallery's first section: the design tokens themselves (colours, type
// scale, spacing, radii, elevation), read from tokens.css by name.
import type { ReactElement } from 'react'
import { Example, GallerySection } from './gallery-layout'

const COLOURS = ['bg', 'surface', 'surface-sunken', 'border', 'border-strong', 'text', 'text-muted', 'text-faint', 'accent', 'accent-soft', 'ok', 'ok-soft', 'warn', 'warn-soft', 'danger', 'danger-soft']
const TYPE = ['2xs', 'xs', 'sm', 'md', 'base', 'lg', 'xl']
const SPACE = [1, 2, 3, 4, 5, 6, 7, 8, 9]
const RADII = ['xs', 'sm', 'md', 'lg', 'full']

export function TokensSection(): ReactElement {
  return (
    <GallerySection id="tokens" title="Tokens">
      <Example name="Colours (--color-*)" wide>
        <ul className="gallery__swatches">
          {COLOURS.map((name) => (
            <li key={name}>
              <span className="gallery__swatch" style={{ background: `var(--color-${name})` }} />
              <code>{name}</code>
            </li>
          ))}
        </ul>
      </Example>
      <Example name="Type scale (--text-*)">
        {TYPE.map((name) => (
          <p key={name} style={{ fontSize: `var(--text-${name})`, margin: 0 }}>
            --text-{name} The quick brown fox
          </p>
        ))}
      </Example>
      <Example name="Spacing (--space-*) and radii (--radius-*)">
        <div className="gallery__row">
          {SPACE.map((n) => (
            <span key={n} className="gallery__space" style={{ width: `var(--space-${n})` }} title={`--space-${n}`} />
          ))}
        </div>
        <div className="gallery__row">
          {RADII.map((name) => (
            <span key={name} className="gallery__radius" style={{ borderRadius: `var(--radius-${name})` }}>
              {name}
            </span>
          ))}
        </div>
      </Example>
      <Example name="Elevation (--shadow-1..3)">
        <div className="gallery__row">
          {[1, 2, 3].map((n) => (
            <span key={n} className="gallery__elevation" style={{ boxShadow: `var(--shadow-${n})` }}>
              {n}
            </span>
          ))}
        </div>
      </Example>
    </GallerySection>
  )
}
