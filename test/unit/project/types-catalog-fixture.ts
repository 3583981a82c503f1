// test/unit/project/types-catalog-fixture.ts — a small hand-built catalog for the generator's unit tests: the rows
// read-types-catalog.ts would produce for a blog schema (pg_catalog type oids are PostgreSQL's real ones).
import type { CatalogColumn, CatalogRelation, CatalogType, TypesCatalog } from '../../../electron/server/project/types/types-catalog.js'

const pg = (oid: number, name: string): CatalogType => ({ oid, schema: 'pg_catalog', name, kind: 'base' })
export const T = { bool: 16, int8: 20, int4: 23, text: 25, json: 114, numeric: 1700, timestamptz: 1184, uuid: 2950, jsonb: 3802, textArray: 1009, void: 2278 }

export const TYPES: CatalogType[] = [
  pg(T.bool, 'bool'), pg(T.int8, 'int8'), pg(T.int4, 'int4'), pg(T.text, 'text'), pg(T.json, 'json'), pg(T.numeric, 'numeric'),
  pg(T.timestamptz, 'timestamptz'), pg(T.uuid, 'uuid'), pg(T.jsonb, 'jsonb'),
  { oid: T.textArray, schema: 'pg_catalog', name: '_text', kind: 'array', elementOid: T.text },
  { oid: T.void, schema: 'pg_catalog', name: 'void', kind: 'pseudo' },
  { oid: 90001, schema: 'public', name: 'post_status', kind: 'enum', labels: ['draft', 'published'] },
  { oid: 90002, schema: 'public', name: 'email', kind: 'domain', baseOid: T.text, notNull: false },
  { oid: 90003, schema: 'public', name: 'geo point', kind: 'composite', attributes: [{ name: 'lat', typeOid: T.numeric }, { name: 'lng', typeOid: T.numeric }] },
]

const col = (name: string, attnum: number, typeOid: number, extra: Partial<CatalogColumn> = {}): CatalogColumn => ({
  name, attnum, typeOid, nullable: true, hasDefault: false, identity: '', generated: false, ...extra,
})

export const USERS: CatalogRelation = {
  oid: 100, schema: 'public', name: 'users', kind: 'table', uniqueKeys: [['id']], insertable: true, updatable: true,
  columns: [
    col('id', 1, T.int8, { nullable: false, identity: 'a' }),
    col('email', 2, 90002, { nullable: false, comment: 'where mail goes' }),
    col('home', 3, 90003),
  ],
}

export const POSTS: CatalogRelation = {
  oid: 101, schema: 'public', name: 'posts', kind: 'table', uniqueKeys: [['id']], insertable: true, updatable: true, comment: 'what users write',
  columns: [
    col('id', 1, T.uuid, { nullable: false, hasDefault: true }),
    col('author_id', 2, T.int8, { nullable: false }),
    col('status', 3, 90001, { nullable: false, hasDefault: true }),
    col('tags', 4, T.textArray),
    col('title lower', 5, T.text, { generated: true }),
  ],
}

/** A view: id and status copied from posts, `shout` computed. */
export const FEED: CatalogRelation = {
  oid: 102, schema: 'public', name: 'feed', kind: 'view', uniqueKeys: [['id']], insertable: false, updatable: false,
  columns: [
    col('id', 1, T.uuid, { source: { relationOid: 101, attnum: 1 } }),
    col('status', 2, 90001, { source: { relationOid: 101, attnum: 3 } }),
    col('shout', 3, T.text),
    col('n', 4, T.int8, { source: 'not-null' }),
  ],
}

export const CATALOG: TypesCatalog = {
  relations: [POSTS, USERS, FEED],
  foreignKeys: [{ name: 'posts_author_id_fkey', from: { schema: 'public', table: 'posts', columns: ['author_id'] }, to: { schema: 'public', table: 'users', columns: ['id'] } }],
  types: TYPES,
  functions: [
    { schema: 'public', name: 'publish', args: [{ name: 'post_id', typeOid: T.uuid, hasDefault: false }, { name: 'at', typeOid: T.timestamptz, hasDefault: true }], outColumns: [], returnTypeOid: T.void, returnsSet: false },
    { schema: 'public', name: 'stats', args: [], outColumns: [{ name: 'status', typeOid: 90001 }, { name: 'n', typeOid: T.int8 }], returnTypeOid: 2249, returnsSet: true },
    { schema: 'public', name: 'anonymous_args', args: [{ name: '', typeOid: T.int4, hasDefault: false }], outColumns: [], returnTypeOid: T.int4, returnsSet: false },
    { schema: 'public', name: 'search', args: [{ name: 'q', typeOid: T.text, hasDefault: false }], outColumns: [], returnTypeOid: T.text, returnsSet: false },
  ],
  procedures: [
    { namespace: 'default', name: 'search', inputSchema: { q: 'text', 'limit?': 'integer' }, outputSchema: { id: 'uuid', score: 'number' }, description: 'full-text search' },
    { namespace: 'reports', name: 'daily', inputSchema: {} },
  ],
}
