// renderer/src/App.tsx — the studio's root: starts the token and status wiring once, shows the shell (or, at
// `#/gallery`, the UI kit's gallery, loaded only when asked for), and the one toast viewport.
import { lazy, Suspense, useSyncExternalStore, type ReactElement } from 'react'
import { Shell } from './shell/Shell'
import { Toaster } from './components/ui'
import { useStatusPolling, useStudioToken } from './features/status/use-status-polling'

const GalleryView = lazy(() => import('./features/gallery/GalleryView'))

const GALLERY_HASH = '#/gallery'

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

function useGalleryRoute(): boolean {
  return useSyncExternalStore(subscribeToHash, () => window.location.hash === GALLERY_HASH)
}

export function App(): ReactElement {
  useStudioToken()
  useStatusPolling()
  const gallery = useGalleryRoute()
  return (
    <>
      {gallery ? (
        <Suspense fallback={null}>
          <GalleryView />
        </Suspense>
      ) : (
        <Shell />
      )}
      <Toaster />
    </>
  )
}
