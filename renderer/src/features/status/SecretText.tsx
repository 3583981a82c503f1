// renderer/src/features/status/SecretText.tsx — shows a value the way its row asks: in full, or
// shortened / masked until revealed. Only the display changes; copy always copies the real value.
import type { ReactElement } from 'react'
import { maskUrlPassword, truncateSecret } from './format'

/** plain: shown in full; key: shortened to its ends; url-password: password replaced by dots. */
export type SecretStyle = 'plain' | 'key' | 'url-password'

export function SecretText({ value, style, revealed }: { value: string; style: SecretStyle; revealed: boolean }): ReactElement {
  if (style === 'plain' || revealed) {
    return <code className="value-text" data-revealed={style !== 'plain' || undefined}>{value}</code>
  }
  const masked = style === 'key' ? truncateSecret(value) : maskUrlPassword(value)
  return <code className="value-text value-text--masked">{masked}</code>
}
