// realtime/pgoutput-decoder.ts — pgoutput's binary protocol (version 1) → typed messages with rows already turned
// into JSON values (pg-text-values.ts). Pure apart from its relation cache; capture-stream.ts feeds it WAL messages.
import { valueFromText, type ColumnType } from './pg-text-values.js'
import type { Lsn } from './lsn.js'

export interface RelationColumn extends ColumnType {
  name: string
  isKey: boolean
}

export interface Relation {
  relationOid: number
  schema: string
  table: string
  replicaIdentity: 'default' | 'nothing' | 'full' | 'index'
  columns: RelationColumn[]
}

export type Row = Record<string, unknown>

export type PgoutputMessage =
  | { tag: 'begin'; commitLsn: Lsn; commitTime: bigint; xid: number }
  | { tag: 'commit'; commitLsn: Lsn; commitEndLsn: Lsn; commitTime: bigint }
  | { tag: 'relation'; relation: Relation }
  | { tag: 'insert'; relation: Relation; new: Row; bytes: number }
  | { tag: 'update'; relation: Relation; old: Row | null; keyOnly: boolean; new: Row; bytes: number }
  | { tag: 'delete'; relation: Relation; old: Row | null; keyOnly: boolean; bytes: number }
  | { tag: 'truncate'; relations: Relation[] }
  | { tag: 'message'; transactional: boolean; prefix: string; content: string }
  | { tag: 'other'; code: string }

const REPLICA_IDENTITY: Record<string, Relation['replicaIdentity']> = { d: 'default', n: 'nothing', f: 'full', i: 'index' }

class Reader {
  pos = 0
  constructor(readonly buf: Buffer) {}
  u8(): number {
    return this.buf.readUInt8(this.pos++)
  }
  i16(): number {
    const v = this.buf.readInt16BE(this.pos)
    this.pos += 2
    return v
  }
  i32(): number {
    const v = this.buf.readInt32BE(this.pos)
    this.pos += 4
    return v
  }
  u64(): bigint {
    const v = this.buf.readBigUInt64BE(this.pos)
    this.pos += 8
    return v
  }
  i64(): bigint {
    const v = this.buf.readBigInt64BE(this.pos)
    this.pos += 8
    return v
  }
  cstring(): string {
    const end = this.buf.indexOf(0, this.pos)
    const s = this.buf.toString('utf8', this.pos, end)
    this.pos = end + 1
    return s
  }
  bytes(n: number): Buffer {
    const b = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    return b
  }
}

export function createPgoutputDecoder() {
  const relations = new Map<number, Relation>()
  const types = new Map<number, string>()

  /** Reads one tuple; `fallback` supplies values pgoutput leaves out ('u': unchanged TOASTed datum). */
  function readTuple(r: Reader, relation: Relation, fallback?: Row | null): { row: Row; bytes: number } {
    const n = r.i16()
    const row: Row = {}
    let bytes = 0
    for (let i = 0; i < n; i++) {
      const column = relation.columns[i]
      const kind = r.u8()
      if (kind === 0x74 /* t */) {
        const len = r.i32()
        bytes += len
        row[column.name] = valueFromText(r.bytes(len).toString('utf8'), column)
      } else if (kind === 0x6e /* n */) {
        row[column.name] = null
      } else if (kind === 0x75 /* u */) {
        // Only REPLICA IDENTITY FULL gives us the old value; otherwise the column is left out, never guessed.
        if (fallback && column.name in fallback) row[column.name] = fallback[column.name]
      } else if (kind === 0x62 /* b */) {
        const len = r.i32()
        bytes += len
        row[column.name] = r.bytes(len).toString('hex')
      } else {
        throw new Error(`pgoutput: unknown tuple data kind ${kind}`)
      }
    }
    return { row, bytes }
  }

  function keyColumnsOnly(row: Row, relation: Relation): Row {
    const out: Row = {}
    for (const c of relation.columns) if (c.isKey && row[c.name] !== null) out[c.name] = row[c.name]
    return out
  }

  function relationOf(r: Reader): Relation {
    const oid = r.i32()
    const relation = relations.get(oid)
    if (!relation) throw new Error(`pgoutput: change for unknown relation ${oid}`)
    return relation
  }

  return function decode(buf: Buffer): PgoutputMessage {
    const r = new Reader(buf)
    const code = String.fromCharCode(r.u8())
    switch (code) {
      case 'B':
        return { tag: 'begin', commitLsn: r.u64(), commitTime: r.i64(), xid: r.i32() }
      case 'C': {
        r.u8() // flags
        return { tag: 'commit', commitLsn: r.u64(), commitEndLsn: r.u64(), commitTime: r.i64() }
      }
      case 'Y': {
        const oid = r.i32()
        r.cstring() // schema
        types.set(oid, r.cstring())
        return { tag: 'other', code }
      }
      case 'R': {
        const relationOid = r.i32()
        const schema = r.cstring()
        const table = r.cstring()
        const replicaIdentity = REPLICA_IDENTITY[String.fromCharCode(r.u8())] ?? 'default'
        const n = r.i16()
        const columns: RelationColumn[] = []
        for (let i = 0; i < n; i++) {
          const flags = r.u8()
          const name = r.cstring()
          const typeOid = r.i32()
          r.i32() // typmod
          columns.push({ name, typeOid, typeName: types.get(typeOid), isKey: (flags & 1) === 1 })
        }
        const relation: Relation = { relationOid, schema, table, replicaIdentity, columns }
        relations.set(relationOid, relation)
        return { tag: 'relation', relation }
      }
      case 'I': {
        const relation = relationOf(r)
        r.u8() // 'N'
        const { row, bytes } = readTuple(r, relation)
        return { tag: 'insert', relation, new: row, bytes }
      }
      case 'U': {
        const relation = relationOf(r)
        let sub = r.u8()
        let old: Row | null = null
        let keyOnly = false
        let bytes = 0
        if (sub === 0x4b /* K */ || sub === 0x4f /* O */) {
          const t = readTuple(r, relation)
          keyOnly = sub === 0x4b
          old = keyOnly ? keyColumnsOnly(t.row, relation) : t.row
          bytes += t.bytes
          sub = r.u8()
        }
        const t = readTuple(r, relation, old)
        return { tag: 'update', relation, old, keyOnly, new: t.row, bytes: bytes + t.bytes }
      }
      case 'D': {
        const relation = relationOf(r)
        const sub = r.u8()
        const t = readTuple(r, relation)
        const keyOnly = sub === 0x4b
        return { tag: 'delete', relation, old: keyOnly ? keyColumnsOnly(t.row, relation) : t.row, keyOnly, bytes: t.bytes }
      }
      case 'T': {
        const n = r.i32()
        r.u8() // options
        const list: Relation[] = []
        for (let i = 0; i < n; i++) {
          const rel = relations.get(r.i32())
          if (rel) list.push(rel)
        }
        return { tag: 'truncate', relations: list }
      }
      case 'M': {
        const flags = r.u8()
        r.u64() // message lsn
        const prefix = r.cstring()
        const len = r.i32()
        return { tag: 'message', transactional: (flags & 1) === 1, prefix, content: r.bytes(len).toString('utf8') }
      }
      default:
        return { tag: 'other', code }
    }
  }
}

export type PgoutputDecoder = ReturnType<typeof createPgoutputDecoder>
