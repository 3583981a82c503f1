// rest/plan/resolve-relationship.ts — PostgREST's embedding rules: from a parent relation and `name!hint`, find the
// one foreign-key path to embed (many-to-one → object, one-to-many → array, one-to-one → object, many-to-many via
// a junction table). None → 400 PGRST200; several → 400 PGRST201 listing the hints that disambiguate.
import { ApiError } from '../../errors.js'
import { relationKey, type ForeignKey, type Relation, type SchemaCache } from '../schema/schema-types.js'
import type { JoinSpec } from './plan-types.js'

export interface Relationship {
  target: Relation
  cardinality: 'one' | 'many'
  join: JoinSpec
  /** The FK constraint (or junction table) this goes through, for messages and hints. */
  via: string
  kind: 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many'
  fks: ForeignKey[]
}

const isUnique = (rel: Relation, cols: string[]) => rel.uniqueKeys.some((k) => k.length === cols.length && k.every((c) => cols.includes(c)))
const covers = (rel: Relation, cols: string[]) => rel.uniqueKeys.some((k) => cols.every((c) => k.includes(c)) && k.every((c) => cols.includes(c)))

function manyToOne(fk: ForeignKey, target: Relation): Relationship {
  return { target, cardinality: 'one', join: { kind: 'direct', parentColumns: fk.from.columns, childColumns: fk.to.columns }, via: fk.name, kind: 'many-to-one', fks: [fk] }
}

function oneToMany(fk: ForeignKey, target: Relation): Relationship {
  const one = isUnique(target, fk.from.columns)
  return {
    target,
    cardinality: one ? 'one' : 'many',
    join: { kind: 'direct', parentColumns: fk.to.columns, childColumns: fk.from.columns },
    via: fk.name,
    kind: one ? 'one-to-one' : 'one-to-many',
    fks: [fk],
  }
}

function relationshipsTo(cache: SchemaCache, parent: Relation, target: Relation): Relationship[] {
  const out: Relationship[] = []
  const pk = relationKey(parent.schema, parent.name)
  const tk = relationKey(target.schema, target.name)
  for (const fk of cache.fksFrom.get(pk) ?? []) {
    if (relationKey(fk.to.schema, fk.to.table) === tk) out.push(manyToOne(fk, target))
  }
  for (const fk of cache.fksTo.get(pk) ?? []) {
    if (relationKey(fk.from.schema, fk.from.table) === tk) out.push(oneToMany(fk, target))
  }
  // Many-to-many: a junction with FKs to both sides whose columns together form its key.
  for (const toParent of cache.fksTo.get(pk) ?? []) {
    const jk = relationKey(toParent.from.schema, toParent.from.table)
    if (jk === pk || jk === tk) continue
    const junction = cache.relations.get(jk)
    if (!junction) continue
    for (const toTarget of cache.fksFrom.get(jk) ?? []) {
      if (toTarget === toParent || relationKey(toTarget.to.schema, toTarget.to.table) !== tk) continue
      const cols = [...toParent.from.columns, ...toTarget.from.columns]
      if (!covers(junction, cols) && !(junction.primaryKey.length && cols.every((c) => junction.primaryKey.includes(c)))) continue
      out.push({
        target,
        cardinality: 'many',
        join: {
          kind: 'junction',
          junction,
          parentColumns: toParent.to.columns,
          junctionParent: toParent.from.columns,
          junctionChild: toTarget.from.columns,
          childColumns: toTarget.to.columns,
        },
        via: junction.name,
        kind: 'many-to-many',
        fks: [toParent, toTarget],
      })
    }
  }
  return out
}

function matchesHint(r: Relationship, hint: string): boolean {
  if (r.via === hint) return true
  if (r.join.kind === 'junction' && r.join.junction.name === hint) return true
  return r.fks.some((fk) => fk.name === hint || fk.from.columns.includes(hint) || (fk.from.columns.length === 1 && fk.to.columns.includes(hint)))
}

export function resolveRelationship(cache: SchemaCache, parent: Relation, name: string, hint?: string): Relationship {
  let candidates: Relationship[] = []
  const targets = [...cache.relations.values()].filter((r) => r.name === name)
  const sameSchema = targets.filter((r) => r.schema === parent.schema)
  for (const t of sameSchema.length ? sameSchema : targets) candidates.push(...relationshipsTo(cache, parent, t))
  if (!candidates.length) {
    // `author_id(*)` (the FK column) or `posts_author_id_fkey(*)` (the constraint) as the embed target.
    const pk = relationKey(parent.schema, parent.name)
    for (const fk of cache.fksFrom.get(pk) ?? []) {
      if (fk.name === name || (fk.from.columns.length === 1 && fk.from.columns[0] === name)) {
        const t = cache.relations.get(relationKey(fk.to.schema, fk.to.table))
        if (t) candidates.push(manyToOne(fk, t))
      }
    }
    for (const fk of cache.fksTo.get(pk) ?? []) {
      if (fk.name === name) {
        const t = cache.relations.get(relationKey(fk.from.schema, fk.from.table))
        if (t) candidates.push(oneToMany(fk, t))
      }
    }
  }
  if (hint !== undefined) candidates = candidates.filter((r) => matchesHint(r, hint))
  if (candidates.length === 2 && hint !== undefined && candidates[0].via === candidates[1].via && candidates[0].fks[0] === candidates[1].fks[0]) {
    // A self-referencing FK: `!column` means the row it points to (many-to-one), `!fk_name` the rows pointing here.
    const wantOne = candidates[0].fks[0].name !== hint
    const pick = candidates.find((c) => (c.kind === 'many-to-one') === wantOne)
    if (pick) return pick
  }
  if (candidates.length === 1) return candidates[0]
  const between = `'${parent.name}' and '${name}'`
  if (!candidates.length) {
    throw new ApiError(400, 'PGRST200', `Could not find a relationship between ${between}${hint ? ` using the hint '${hint}'` : ''} in the schema cache`,
      undefined, `embedding needs a foreign key between ${parent.schema}.${parent.name} and ${name} (in either direction, or through a junction table)`)
  }
  throw new ApiError(400, 'PGRST201', `Could not embed because more than one relationship was found for ${between}`,
    candidates.map((c) => `${c.kind} via ${c.via}`).join('; '),
    `Try changing '${name}' to one of: ${candidates.map((c) => `'${name}!${c.via}'`).join(', ')}`)
}
