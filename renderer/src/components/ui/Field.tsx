// components/ui/Field.tsx — a labelled form field: label, the control, a hint, the rules the value must follow
// (shown before submit, each ticked as it is met) and an error. The control is a render function given the ids and
// aria props to spread, so any input (Input, Textarea, Select, Combobox, a custom one) gets the same wiring.
// Input and Textarea are the plain controls. Styles: Field.css.
import { forwardRef, useId, type InputHTMLAttributes, type ReactElement, type ReactNode, type TextareaHTMLAttributes } from 'react'
import { Icon } from './Icon'

export interface FieldRule {
  /** What the value must be, in words ("3 to 63 characters, lowercase"). */
  text: string
  /** Whether the current value meets it. */
  met: boolean
}

export interface FieldControlProps {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: true
  'aria-required'?: true
}

export interface FieldProps {
  label: ReactNode
  hint?: ReactNode
  rules?: FieldRule[]
  /** The error to show (from validation or from the server). Sets aria-invalid on the control. */
  error?: ReactNode
  required?: boolean
  /** `column` (default): label above; `row`: label beside (checkboxes, compact settings). */
  layout?: 'column' | 'row'
  className?: string
  children(control: FieldControlProps): ReactNode
}

export function Field({ label, hint, rules, error, required, layout = 'column', className, children }: FieldProps): ReactElement {
  const id = useId()
  const hintId = `${id}-hint`
  const rulesId = `${id}-rules`
  const errorId = `${id}-error`
  const describedBy = [hint && hintId, rules?.length && rulesId, error && errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={`ui-field ui-field--${layout}${className ? ` ${className}` : ''}`}>
      <label className="ui-field__label" htmlFor={id}>
        {label}
        {required && <span className="ui-field__required"> (required)</span>}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'aria-required': required ? true : undefined })}
      {hint && (
        <span className="ui-field__hint" id={hintId}>
          {hint}
        </span>
      )}
      {rules && rules.length > 0 && (
        <ul className="ui-field__rules" id={rulesId}>
          {rules.map((rule) => (
            <li key={rule.text} className={rule.met ? 'ui-field__rule ui-field__rule--met' : 'ui-field__rule'}>
              <Icon name={rule.met ? 'check' : 'info'} size={12} />
              {rule.text}
              <span className="visually-hidden">{rule.met ? ' (met)' : ' (not met yet)'}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <span className="ui-field__error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  )
}

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input({ className, ...rest }, ref) {
  return <input ref={ref} className={className ? `ui-input ${className}` : 'ui-input'} {...rest} />
})

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea({ className, ...rest }, ref) {
  return <textarea ref={ref} className={className ? `ui-textarea ${className}` : 'ui-textarea'} {...rest} />
})
