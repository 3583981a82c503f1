// features/gallery/gallery-layout.tsx — the gallery's two building blocks: a section and a captioned example.
import type { ReactElement, ReactNode } from 'react'

/** One gallery section: a heading and a grid of labelled examples. */
export function GallerySection({ id, title, children }: { id: string; title: string; children: ReactNode }): ReactElement {
  return (
    <section className="gallery__section" aria-labelledby={`gallery-${id}`} data-testid={`gallery-${id}`}>
      <h2 id={`gallery-${id}`}>{title}</h2>
      <div className="gallery__examples">{children}</div>
    </section>
  )
}

/** One example: a caption naming the component and state, then the component. */
export function Example({ name, wide, children }: { name: string; wide?: boolean; children: ReactNode }): ReactElement {
  return (
    <figure className={wide ? 'gallery__example gallery__example--wide' : 'gallery__example'}>
      <figcaption>{name}</figcaption>
      <div className="gallery__stage">{children}</div>
    </figure>
  )
}
