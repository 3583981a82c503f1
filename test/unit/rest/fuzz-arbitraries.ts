// test/unit/rest/fuzz-arbitraries.ts — fast-check generators of random and hostile REST query strings, shared by the
// pure fuzz test (parser → planner → SQL builder) and the live API fuzz test.
import fc from 'fast-check'

export const HOSTILE = [
  "'", '"', "';--", "'); DROP TABLE posts; --", '" OR 1=1 --', '\\', '\u0000', '%00', '$1', '$$', '$tag$', ')', '(', ',', '.', '::',
  '/*', '*/', '--', ';', 'pg_sleep(10)', '${x}', '\u202e', '😀', 'NULL', 'null', 'true', '[', ']', '{', '}', 'not', 'or', 'and',
  "E'\\x27'", 'ﬀ', '\n', '\r\n', ' ', '%', '*', '?', '&', '=', '#', 'a'.repeat(300), '1e309', '-0', 'NaN', '9'.repeat(40),
]

export function fuzzArbitraries(columns: string[], relations: string[]) {
  const hostile = fc.constantFrom(...HOSTILE)
  const word = fc.oneof(fc.constantFrom(...columns), fc.constantFrom(...relations), hostile, fc.string({ maxLength: 12 }), fc.stringMatching(/^[a-z_]{1,10}$/))
  const op = fc.oneof(
    fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch', 'is', 'isdistinct', 'in', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj', 'fts', 'plfts', 'phfts', 'wfts', 'st_intersects', 'st_dwithin', 'vec_cos'),
    fc.constantFrom('not.eq', 'not.in', 'not.is', 'eq(any)', 'like(all)', 'fts(english)', 'fts(x y)', 'eq(', 'not.not.eq'),
    word,
  )
  const scalar = fc.oneof(fc.integer().map(String), fc.double().map(String), fc.boolean().map(String), word, hostile, fc.constant(''), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 8 }))
  const list = fc.array(scalar, { maxLength: 4 }).chain((items) => fc.constantFrom(`(${items.join(',')})`, `{${items.join(',')}}`, JSON.stringify(items), `(${items.map((i) => `"${i}"`).join(',')})`))
  const value = fc.oneof(scalar, list, fc.json({ maxDepth: 2 }))
  const column = fc.oneof(
    word,
    fc.tuple(fc.constantFrom(...columns), fc.array(fc.tuple(fc.constantFrom('->', '->>'), fc.oneof(word, fc.nat(5).map(String))), { maxLength: 3 })).map(([c, steps]) => c + steps.map(([a, k]) => a + k).join('')),
  )
  const filter = fc.tuple(column, op, value).map(([c, o, v]) => `${c}.${o}.${v}`)
  const logic: fc.Arbitrary<string> = fc.letrec((tie) => ({
    tree: fc.tuple(fc.constantFrom('or', 'and', 'not.or', 'not.and'), fc.array(fc.oneof({ maxDepth: 3 }, filter, tie('tree')), { minLength: 1, maxLength: 4 })).map(([k, items]) => `${k}(${items.join(',')})`),
  })).tree as fc.Arbitrary<string>
  const selectItem: fc.Arbitrary<string> = fc.letrec((tie) => ({
    item: fc.oneof(
      { maxDepth: 3 },
      fc.constant('*'),
      column,
      fc.tuple(word, column).map(([a, c]) => `${a}:${c}`),
      fc.tuple(column, fc.constantFrom('text', 'int', 'integer', 'numeric', 'jsonb', 'nosuch', 'int;drop', 'double precision', 'text[]')).map(([c, t]) => `${c}::${t}`),
      fc.tuple(fc.constantFrom('count', 'sum', 'avg', 'min', 'max'), fc.oneof(column, fc.constant('*'), fc.constant(''))).map(([f, c]) => `${f}(${c})`),
      fc.tuple(fc.constantFrom(...relations, 'nothing'), fc.constantFrom('', '!inner', '!left', '!posts_user_id_fkey', '!user_id', '!x!y'), fc.array(tie('item'), { maxLength: 3 }), fc.boolean(), fc.option(word, { nil: undefined }))
        .map(([r, h, items, spread, alias]) => `${alias ? `${alias}:` : ''}${spread ? '...' : ''}${r}${h}(${items.join(',')})`),
    ),
  })).item as fc.Arbitrary<string>
  const param = fc.oneof(
    fc.array(selectItem, { minLength: 1, maxLength: 4 }).map((items) => ['select', items.join(',')] as [string, string]),
    fc.tuple(column, fc.tuple(op, value).map(([o, v]) => `${o}.${v}`)),
    fc.tuple(fc.constantFrom('or', 'and', 'not.or', 'not.and'), logic.map((l) => l.slice(l.indexOf('(')))),
    fc.tuple(fc.constantFrom(...relations).map((r) => `${r}.${columns[0]}`), fc.tuple(op, value).map(([o, v]) => `${o}.${v}`)),
    fc.tuple(fc.constantFrom('order', `${relations[0]}.order`), fc.array(fc.tuple(column, fc.constantFrom('', '.asc', '.desc', '.desc.nullslast', '.nullsfirst', '.sideways', '.vec_cos.[0.1,0.2]', '.vec_l2.[x]')).map(([c, d]) => c + d), { minLength: 1, maxLength: 3 }).map((t) => t.join(','))),
    fc.tuple(fc.constantFrom('limit', 'offset', `${relations[0]}.limit`, 'truncate'), fc.oneof(fc.nat(5000).map(String), scalar)),
    fc.tuple(fc.constant('count'), fc.oneof(fc.constantFrom('exact', 'planned', 'estimated', 'none'), scalar)),
    fc.tuple(fc.constantFrom('group_by', 'on_conflict', 'columns'), fc.array(column, { maxLength: 3 }).map((c) => c.join(','))),
    fc.tuple(word, scalar),
  )
  const structured = fc.array(param, { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString())
  const raw = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.array(fc.constantFrom(...HOSTILE, '=', '&', '.', 'select', 'eq', 'or'), { maxLength: 20 }).map((a) => a.join('')))
  return { queryString: fc.oneof({ weight: 4, arbitrary: structured }, { weight: 1, arbitrary: raw }), value, hostile, word }
}
