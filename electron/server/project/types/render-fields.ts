// project/types/render-fields.ts — how fields and doc comments are written, shared by both renderers of the types
// file (generate-types.ts, render-database-schema.ts). Pure.
import type { Field } from './relation-fields.js'
import { propertyKey } from './ts-names.js'

/** A doc comment (`/** … *\/`), one line or several; nothing for no text. */
export function doc(text: string | undefined, indent = ''): string {
  if (!text) return ''
  const lines = text.replace(/\*\//g, '*\\/').split('\n')
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((l) => `${indent} * ${l}`).join('\n')}\n${indent} */\n`
}

/** Field lines of an interface or type literal. */
export function fieldLines(fields: Field[], indent: string): string {
  return fields.map((f) => `${doc(f.doc, indent)}${indent}${propertyKey(f.name)}${f.optional ? '?' : ''}: ${f.type}`).join('\n')
}
