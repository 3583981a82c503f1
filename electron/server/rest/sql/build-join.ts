// rest/sql/build-join.ts — how an embedded relation is reached from its parent row: the FROM item and the join
// condition for direct foreign keys and for many-to-many junctions.
import type { JoinSpec, OutputEmbed } from '../plan/plan-types.js'
import type { Relation } from '../schema/schema-types.js'
import { quoteIdent, quoteQualified } from '../../postgres/quote-ident.js'

export function joinFrom(parentAlias: string, child: Relation, childAlias: string, join: JoinSpec): { from: string; where: string } {
  const source = `${quoteQualified(child.schema, child.name)} AS ${childAlias}`
  if (join.kind === 'direct') {
    return { from: source, where: join.childColumns.map((c, i) => `${childAlias}.${quoteIdent(c)} = ${parentAlias}.${quoteIdent(join.parentColumns[i])}`).join(' AND ') }
  }
  const j = `${childAlias}_j`
  const on = join.junctionChild.map((c, i) => `${j}.${quoteIdent(c)} = ${childAlias}.${quoteIdent(join.childColumns[i])}`).join(' AND ')
  return {
    from: `${source} JOIN ${quoteQualified(join.junction.schema, join.junction.name)} AS ${j} ON ${on}`,
    where: join.junctionParent.map((c, i) => `${j}.${quoteIdent(c)} = ${parentAlias}.${quoteIdent(join.parentColumns[i])}`).join(' AND '),
  }
}

export function embedFrom(parentAlias: string, embed: OutputEmbed): { from: string; where: string } {
  return joinFrom(parentAlias, embed.node.relation, embed.node.alias, embed.join)
}
