// project/types/ts-names.ts — database names → TypeScript names for the generated file: upstream's PascalCase
// interface names (schema prefix outside `public`), property keys quoted when they are not identifiers, and one
// registry so two objects never get the same exported name. Pure.

/** `user_profiles` → `UserProfiles`; `2fa codes` → `_2faCodes`. Letters and digits of any script are kept. */
export function pascalCase(name: string): string {
  const parts = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  let out = parts.map((p) => p[0].toUpperCase() + p.slice(1)).join('')
  if (!out) out = 'Unnamed'
  if (/^\p{N}/u.test(out)) out = `_${out}`
  return out
}

/** The PascalCase prefix upstream puts before names outside `public`. */
export function schemaPrefix(schema: string): string {
  return schema === 'public' ? '' : pascalCase(schema)
}

const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u

/** A property key as written in a type literal: bare when it is an identifier, else a string literal. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name)
}

/** A string literal type for a label or a name (`'it''s'` in SQL is `"it's"` here). */
export function stringLiteral(value: string): string {
  return JSON.stringify(value)
}

/** Hands out exported names, numbering a name that is already taken (`Users`, `Users2`). */
export class NameRegistry {
  private readonly taken = new Set<string>(['Json', 'Database', 'DatabaseSchema'])

  /** A base name such that base + each suffix is free (`UsersRow`, `UsersInsert`, `UsersUpdate`); claims them all. */
  claim(wanted: string, suffixes: string[] = ['']): string {
    let base = wanted
    for (let n = 2; suffixes.some((s) => this.taken.has(base + s)); n++) base = `${wanted}${n}`
    for (const s of suffixes) this.taken.add(base + s)
    return base
  }
}
