// test/unit/project/view-column-sources.test.ts — a view's stored query (pg_rewrite.ev_action, as PostgreSQL 18
// writes it; trimmed of fields the reader ignores) → the base column each output column copies, if any.
import { describe, expect, it } from 'vitest'
import { parseNodeTree } from '../../../electron/server/project/types/node-tree.js'
import { viewColumnSources } from '../../../electron/server/project/types/view-column-sources.js'

const rte = (relid: number) => `{RANGETBLENTRY :alias <> :eref {ALIAS :aliasname t :colnames ("id" "name")} :rtekind 0 :relid ${relid} :inh true :relkind r}`
const v = (varno: number, attno: number, nulling = '(b)') => `{VAR :varno ${varno} :varattno ${attno} :vartype 23 :varnullingrels ${nulling} :varlevelsup 0 :location -1}`
const te = (expr: string, name: string) => `{TARGETENTRY :expr ${expr} :resno 1 :resname ${name} :resjunk false}`
const query = (rtable: string[], targets: string[], rest = ':groupingSets <> :setOperations <>') =>
  `({QUERY :commandType 1 :rtable (${rtable.join(' ')}) :targetList (${targets.join(' ')}) ${rest}})`

describe('viewColumnSources', () => {
  it('passes plain columns through and leaves expressions out', () => {
    const text = query([rte(16759)], [
      te(v(1, 1), 'id'),
      te(`{FUNCEXPR :funcid 871 :args (${v(1, 2)}) :location -1}`, 'up'),
      te(v(1, 2), 'the\\ name'),
    ])
    expect(viewColumnSources(text)).toEqual(new Map([['id', { relationOid: 16759, attnum: 1 }], ['the name', { relationOid: 16759, attnum: 2 }]]))
  })

  it('leaves out columns an outer join can null', () => {
    const join = '{RANGETBLENTRY :alias <> :rtekind 2 :jointype 1 :joinmergedcols 0}'
    const text = query([rte(1), rte(2), join], [te(v(1, 1), 'id'), te(v(2, 3, '(b 3)'), 'v')])
    expect([...viewColumnSources(text).keys()]).toEqual(['id'])
  })

  it('follows GROUP BY columns to their table and knows count() is never null', () => {
    const group = `{RANGETBLENTRY :alias <> :rtekind 9 :groupexprs (${v(1, 2)})}`
    const count = '{AGGREF :aggfnoid 2803 :aggtype 20 :args <> :aggstar true :agglevelsup 0 :location -1}'
    const text = query([rte(7), group], [te(v(2, 1), 'name'), te(count, 'n')])
    expect(viewColumnSources(text)).toEqual(new Map<string, unknown>([['name', { relationOid: 7, attnum: 2 }], ['n', 'not-null']]))
    // With grouping sets a grouped column can be null.
    expect(viewColumnSources(query([rte(7), group], [te(v(2, 1), 'name')], ':groupingSets ({GROUPINGSET :kind 3}) :setOperations <>')).size).toBe(0)
  })

  it('gives nothing for set operations, subqueries and text it cannot read', () => {
    expect(viewColumnSources(query([rte(1)], [te(v(1, 1), 'id')], ':groupingSets <> :setOperations {SETOPERATIONSTMT :op 1}')).size).toBe(0)
    expect(viewColumnSources(query(['{RANGETBLENTRY :rtekind 1 :subquery <>}'], [te(v(1, 1), 'id')])).size).toBe(0)
    expect(viewColumnSources('({QUERY :targetList (').size).toBe(0)
  })
})

describe('parseNodeTree', () => {
  it('reads nodes, lists, nulls, escaped words and several tokens for one field', () => {
    expect(parseNodeTree('{CONST :consttype 23 :constisnull false :constvalue 4 [ 42 0 0 0 ] :name a\\ b\\(c\\) :none <> :esc \\<>}')).toEqual({
      type: 'CONST',
      fields: { consttype: '23', constisnull: 'false', constvalue: ['4', '[', '42', '0', '0', '0', ']'], name: 'a b(c)', none: null, esc: '<>' },
    })
  })
})
