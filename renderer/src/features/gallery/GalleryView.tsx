// features/gallery/GalleryView.tsx — the UI kit's gallery at `#/gallery` (not in the sidebar; lazy-loaded by
// App.tsx): every kit component in its states (default, focus, disabled, error, busy/loading, empty), in the theme
// the OS asks for. The e2e test test/e2e/ui-kit-gallery.e2e.ts screenshots it in light and dark at two sizes and runs
// axe on it, so a change to the kit is seen at once. Sections: gallery-*.tsx.
import './gallery.css'
import type { ReactElement } from 'react'
import { LogoMark } from '../../components/ui'
import { ControlsSection, FormsSection } from './gallery-controls'
import { DataSection, FeedbackSection, SurfacesSection } from './gallery-content'
import { OverlaysSection } from './gallery-overlays'
import { TokensSection } from './gallery-tokens'

export default function GalleryView(): ReactElement {
  return (
    <div className="gallery">
      <header className="gallery__header">
        <LogoMark />
        <div>
          <h1>UI kit gallery</h1>
          <p>
            Every component of <code>components/ui</code> in its states. Light or dark follows the system setting. Guide:{' '}
            <code>docs/ui-kit.md</code>. <a href="#">Back to the studio</a>
          </p>
        </div>
      </header>
      <main className="gallery__main">
        <TokensSection />
        <ControlsSection />
        <FormsSection />
        <SurfacesSection />
        <DataSection />
        <FeedbackSection />
        <OverlaysSection />
      </main>
    </div>
  )
}
