// components/ui/CodeBlock.tsx — a block of code or SQL to read and copy: a header with its language (or a title), a
// wrap toggle and a copy button; the block scrolls sideways unless wrapped, and is focusable so the keyboard can
// scroll it. Styles: CodeBlock.css.
import { useState, type ReactElement } from 'react'
import { IconButton } from './Button'
import { CopyButton } from './CopyButton'
import { WrapText } from 'lucide-react'

export interface CodeBlockProps {
  code: string
  /** Shown in the header and used in the copy button's name ("Copy SQL"). */
  language?: string
  title?: string
  /** Start wrapped (long single lines such as JWTs). */
  wrap?: boolean
  maxHeight?: number
}

export function CodeBlock({ code, language = 'code', title, wrap = false, maxHeight = 320 }: CodeBlockProps): ReactElement {
  const [wrapped, setWrapped] = useState(wrap)
  return (
    <figure className="ui-code">
      <figcaption className="ui-code__head">
        <span className="ui-code__title">{title ?? language}</span>
        <IconButton label="Wrap lines" icon={WrapText} size="sm" pressed={wrapped} onClick={() => setWrapped(!wrapped)} />
        <CopyButton value={code} label={title ?? language} />
      </figcaption>
      <pre className={wrapped ? 'ui-code__pre ui-code__pre--wrap' : 'ui-code__pre'} style={{ maxHeight }} tabIndex={0}>
        <code>{code}</code>
      </pre>
    </figure>
  )
}
