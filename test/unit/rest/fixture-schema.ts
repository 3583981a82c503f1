// test/unit/rest/fixture-schema.ts — a small schema cache built from catalog-shaped rows, so the pure stages can
// be tested without PostgreSQL: users, posts, comments, tags (many-to-many), profiles (one-to-one), employees
// (self-reference) and a view.
import { buildSchema } from '../../../electron/server/rest/schema/load-schema.js'
import type { SchemaCache } from '../../../electron/server/rest/schema/schema-types.js'

type Col = [name: string, type: string, typeName: string, category: string, opts?: { nullable?: boolean; def?: string; elem?: string; identity?: string; generated?: boolean }]

const TABLES: Record<string, { kind?: string; cols: Col[]; pk?: string[]; unique?: string[][]; mask?: number }> = {
  users: { cols: [['id', 'uuid', 'uuid', 'U', { def: 'gen_random_uuid()' }], ['email', 'text', 'text', 'S'], ['organization_id', 'uuid', 'uuid', 'U']], pk: ['id'] },
  posts: {
    cols: [
      ['id', 'bigint', 'int8', 'N', { identity: 'd' }], ['user_id', 'uuid', 'uuid', 'U'], ['title', 'text', 'text', 'S'], ['data', 'jsonb', 'jsonb', 'U'],
      ['tags', 'text[]', '_text', 'A', { elem: 'text' }], ['published', 'boolean', 'bool', 'B'], ['created_at', 'timestamp with time zone', 'timestamptz', 'D', { def: 'now()' }],
      ['score', 'numeric', 'numeric', 'N'], ['during', 'tstzrange', 'tstzrange', 'R'], ['search', 'tsvector', 'tsvector', 'U'], ['slug', 'text', 'text', 'S', { generated: true }],
    ],
    pk: ['id'],
  },
  comments: { cols: [['id', 'integer', 'int4', 'N'], ['post_id', 'bigint', 'int8', 'N'], ['author_id', 'uuid', 'uuid', 'U'], ['body', 'text', 'text', 'S']], pk: ['id'] },
  tags: { cols: [['id', 'integer', 'int4', 'N'], ['name', 'text', 'text', 'S']], pk: ['id'] },
  post_tags: { cols: [['post_id', 'bigint', 'int8', 'N'], ['tag_id', 'integer', 'int4', 'N']], pk: ['post_id', 'tag_id'] },
  profiles: { cols: [['id', 'integer', 'int4', 'N'], ['user_id', 'uuid', 'uuid', 'U'], ['bio', 'text', 'text', 'S']], pk: ['id'], unique: [['user_id']] },
  employees: { cols: [['id', 'integer', 'int4', 'N'], ['name', 'text', 'text', 'S'], ['manager_id', 'integer', 'int4', 'N']], pk: ['id'] },
  active_posts: { kind: 'v', cols: [['id', 'bigint', 'int8', 'N'], ['title', 'text', 'text', 'S']], mask: 28 },
  report: { kind: 'v', cols: [['n', 'bigint', 'int8', 'N']], mask: 0 },
}

const FKS: Array<[name: string, table: string, cols: string[], ref: string, refCols: string[]]> = [
  ['posts_user_id_fkey', 'posts', ['user_id'], 'users', ['id']],
  ['comments_post_id_fkey', 'comments', ['post_id'], 'posts', ['id']],
  ['comments_author_id_fkey', 'comments', ['author_id'], 'users', ['id']],
  ['post_tags_post_id_fkey', 'post_tags', ['post_id'], 'posts', ['id']],
  ['post_tags_tag_id_fkey', 'post_tags', ['tag_id'], 'tags', ['id']],
  ['profiles_user_id_fkey', 'profiles', ['user_id'], 'users', ['id']],
  ['employees_manager_id_fkey', 'employees', ['manager_id'], 'employees', ['id']],
]

export function fixtureSchema(): SchemaCache {
  const names = Object.keys(TABLES)
  const oid = (t: string) => String(1000 + names.indexOf(t))
  const relations = names.map((t) => ({ oid: oid(t), schema: 'public', name: t, relkind: TABLES[t].kind ?? 'r', rls: true, updatable_mask: TABLES[t].mask ?? 28 }))
  const columns = names.flatMap((t) =>
    TABLES[t].cols.map(([name, type, typeName, category, o = {}], i) => ({
      relid: oid(t), name, position: i + 1, type, type_oid: '0', type_name: typeName, category, element_type_name: o.elem ?? null,
      nullable: o.nullable ?? true, has_default: Boolean(o.def), default_expr: o.def ?? null, generated: o.generated ?? false, identity: o.identity ?? '',
    })),
  )
  const keys = names.flatMap((t) => [
    ...(TABLES[t].pk ? [{ relid: oid(t), kind: 'p', columns: TABLES[t].pk! }] : []),
    ...(TABLES[t].unique ?? []).map((u) => ({ relid: oid(t), kind: 'u', columns: u })),
  ])
  const fks = FKS.map(([name, table, cols, ref, refCols]) => ({ name, schema: 'public', table, columns: cols, ref_schema: 'public', ref_table: ref, ref_columns: refCols }))
  const types = ['int4', 'int8', 'text', 'numeric', 'bool', 'uuid', 'jsonb', 'float8', 'timestamptz', 'date', 'varchar'].map((n, i) => ({ oid: String(i + 1), schema: 'pg_catalog', name: n, array_oid: '0' }))
  return buildSchema(relations, columns, keys, fks, types, [])
}
