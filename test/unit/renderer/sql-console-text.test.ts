// The SQL console's pure helpers: when input is a complete statement (psql's lexer rules), psql-style tables with
// NULL marked, expanded records, command tags, errors with the caret under PostgreSQL's position, the line
// editor, the input layout across wrapped rows, the key tokenizer, the history's ↑/↓ and a whole answer's lines.
import { describe, expect, it } from 'vitest'
import { isMetaCommand, lineMarks, scanSql } from '../../../renderer/src/features/sql/sql-scan'
import { formatResult, NULL_MARK } from '../../../renderer/src/features/sql/result-format'
import { caretLines, formatError } from '../../../renderer/src/features/sql/error-format'
import { cellText, jsonbText } from '../../../renderer/src/features/sql/cell-text'
import * as ed from '../../../renderer/src/features/sql/line-editor'
import { layoutInput } from '../../../renderer/src/features/sql/edit-layout'
import { inputTokens } from '../../../renderer/src/features/sql/input-keys'
import { databaseName, promptText } from '../../../renderer/src/features/sql/prompt'
import { editKey } from '../../../renderer/src/features/sql/edit-keys'
import { StatementHistory } from '../../../renderer/src/features/sql/statement-history'
import { responseLines } from '../../../renderer/src/features/sql/response-text'
import { stripAnsi } from '../../../renderer/src/components/terminal/ansi'
import { textWidth, pad } from '../../../renderer/src/components/terminal/text-width'
import type { SqlStatementResult } from '../../../contract/studio-sql'

const plain = (lines: string[]) => lines.map(stripAnsi)

describe('scanSql', () => {
  it.each([
    ['select 1;', true, '-'],
    ['select 1', false, '-'],
    ['select 1; -- done', true, '-'],
    ['select 1; /* c */', true, '-'],
    ["select ';", false, "'"],
    ["select ';'", false, '-'],
    ["select 'it''s';", true, '-'],
    ["select E'a\\';", false, "'"],
    ["select E'a\\'';", true, '-'],
    ['select "a;b";', true, '-'],
    ['select "a;b', false, '"'],
    ['create function f() returns int as $$ select 1; $$', false, '-'],
    ['create function f() returns int as $body$ select 1;', false, '$'],
    ['do $x$ begin perform 1; end $x$;', true, '-'],
    ['select (1;', false, '('],
    ['select (1);', true, '-'],
    ['/* a /* nested */ still;', false, '*'],
    ['select $1;', true, '-'],
    ['select 1 -- ;', false, '-'],
  ])('%s → complete %s, open %s', (text, complete, open) => {
    expect(scanSql(text)).toEqual({ complete, open })
  })

  it('marks each continuation line with what is open where it starts', () => {
    expect(lineMarks("select (\n'a\nb'\n)")).toEqual(['(', '(', '('].map((m, i) => (i === 1 ? "'" : m)))
    expect(lineMarks('select\n1\n;')).toEqual(['-', '-'])
  })

  it('knows backslash commands', () => {
    expect(isMetaCommand('  \\dt')).toBe(true)
    expect(isMetaCommand('select 1')).toBe(false)
  })
})

describe('cell text', () => {
  it('prints values as psql does', () => {
    expect(cellText(null)).toBeNull()
    expect(cellText('')).toBe('')
    expect(cellText(true)).toBe('t')
    expect(cellText(false)).toBe('f')
    expect(cellText(42)).toBe('42')
    expect(cellText({ a: [1, 2], b: { c: null } })).toBe('{"a": [1, 2], "b": {"c": null}}')
    expect(jsonbText('x')).toBe('"x"')
    expect(cellText('a\tb')).toBe('a    b')
  })
})

const result = (over: Partial<SqlStatementResult>): SqlStatementResult => ({ command: 'SELECT', rowCount: 0, fields: [], rows: [], ...over })

describe('formatResult', () => {
  it('draws an aligned table with numbers on the right, NULL marked apart from empty text, and a footer', () => {
    const lines = formatResult(
      result({
        tag: 'SELECT 3',
        rowCount: 3,
        fields: [
          { name: 'id', type: 'integer' },
          { name: 'body', type: 'text' },
        ],
        rows: [
          [1, 'alice'],
          [22, null],
          [333, ''],
        ],
      }),
      { expanded: 'off', columns: 80 },
    )
    expect(plain(lines)).toEqual([' id  | body', '-----+-------', '   1 | alice', '  22 | ' + NULL_MARK, ' 333 |', '(3 rows)'])
    // The NULL mark is dim; the empty string is not marked at all.
    expect(lines[3]).toContain('\x1b[2m' + NULL_MARK)
  })

  it('continues multi-line values with +, and centres a meta-command title', () => {
    const lines = plain(
      formatResult(
        result({ title: 'List of things', rowCount: 1, fields: [{ name: 'a', type: 'text' }, { name: 'b', type: 'text' }], rows: [['x\ny', 'z']] }),
        { expanded: 'off', columns: 80 },
      ),
    )
    expect(lines).toEqual(['List of things', ' a | b', '---+---', ' x+| z', ' y |', '(1 row)'])
  })

  it('prints command tags alone, and after rows for INSERT … RETURNING', () => {
    expect(plain(formatResult(result({ command: 'CREATE', tag: 'CREATE TABLE', rowCount: null }), { expanded: 'off', columns: 80 }))).toEqual(['CREATE TABLE'])
    expect(plain(formatResult(result({ command: 'INSERT', rowCount: 1 }), { expanded: 'off', columns: 80 }))).toEqual(['INSERT 0 1'])
    const returning = plain(formatResult(result({ command: 'INSERT', tag: 'INSERT 0 1', rowCount: 1, fields: [{ name: 'id', type: 'integer' }], rows: [[7]] }), { expanded: 'off', columns: 80 }))
    expect(returning.slice(-2)).toEqual(['(1 row)', 'INSERT 0 1'])
  })

  it('prints one block per record in expanded mode, and switches to it by itself when a table is too wide (auto)', () => {
    const r = result({ rowCount: 2, fields: [{ name: 'id', type: 'integer' }, { name: 'name', type: 'text' }], rows: [[1, 'a'], [2, null]] })
    expect(plain(formatResult(r, { expanded: 'on', columns: 40 }))).toEqual([
      '-[ RECORD 1 ]',
      'id   | 1',
      'name | a',
      '-[ RECORD 2 ]',
      'id   | 2',
      `name | ${NULL_MARK}`,
      '(2 rows)',
    ])
    expect(plain(formatResult(r, { expanded: 'auto', columns: 80 }))[0]).toBe(' id | name')
    expect(plain(formatResult(r, { expanded: 'auto', columns: 8 }))[0]).toMatch(/^-\[ RECORD 1 \]/)
  })

  it('says when only the first rows came back', () => {
    const lines = plain(formatResult(result({ rowCount: 20000, truncated: true, fields: [{ name: 'n', type: 'integer' }], rows: [[1]] }), { expanded: 'off', columns: 80 }))
    expect(lines.at(-1)).toContain('only the first 1 of 20,000 rows are shown')
  })
})

describe('errors', () => {
  it('puts the caret under the position, on the right line', () => {
    expect(caretLines('SELECT nope FROM notes', 8)).toEqual({ line: 'LINE 1: SELECT nope FROM notes', caret: '               ^' })
    expect(caretLines('select 1;\nselect * fro x;', 24)).toEqual({ line: 'LINE 2: select * fro x;', caret: '                     ^' })
    expect(caretLines('x', 99)).toBeUndefined()
  })

  it('shows a window of a long line around the caret', () => {
    const sql = 'select ' + 'a, '.repeat(40) + 'nope from t'
    const c = caretLines(sql, sql.indexOf('nope') + 1)!
    expect(c.line.startsWith('LINE 1: ...')).toBe(true)
    expect(c.line.slice(c.caret.length - 1, c.caret.length + 3)).toBe('nope')
  })

  it('prints ERROR, the caret lines, DETAIL, HINT and CONTEXT like psql', () => {
    const lines = plain(formatError({ message: 'column "nope" does not exist', code: '42703', position: 8, hint: 'Perhaps you meant "note".', detail: 'd', where: 'w' }, 'SELECT nope FROM notes'))
    expect(lines).toEqual([
      'ERROR:  column "nope" does not exist  (SQLSTATE 42703)',
      'LINE 1: SELECT nope FROM notes',
      '               ^',
      'DETAIL:  d',
      'HINT:  Perhaps you meant "note".',
      'CONTEXT:  w',
    ])
  })
})

describe('line editor', () => {
  it('edits, moves by words and lines, and knows its first and last line', () => {
    let s = ed.insert(ed.EMPTY, 'select 1')
    s = ed.wordLeft(s)
    expect(s.cursor).toBe(7)
    s = ed.insert(s, 'x')
    expect(s.text).toBe('select x1')
    s = ed.deleteWordBack(ed.end(s))
    expect(s.text).toBe('select ')
    s = ed.insert(s, '\nfrom t')
    expect(ed.onFirstLine(s)).toBe(false)
    const up = ed.verticalMove(s, -1)!
    expect(up.cursor).toBe(6)
    expect(ed.verticalMove(up, -1)).toBeUndefined()
    expect(ed.home(s).cursor).toBe(8)
    expect(ed.killToLineStart(s).text).toBe('select \n')
    expect(ed.backspace(ed.atEnd('a😀')).text).toBe('a')
  })
})

describe('input layout', () => {
  it('counts wrapped rows and places the cursor', () => {
    // prompt 4 + 6 chars on 10 columns: exactly one full row, so the end sits on the next row.
    expect(layoutInput(['abcdef'], [4], 0, 'abc', 10)).toEqual({ rows: 2, cursorRow: 0, cursorCol: 7, endRow: 1, endCol: 0 })
    expect(layoutInput(['ab', 'cdefghijklm'], [4, 4], 1, 'cdefghij', 10)).toEqual({ rows: 3, cursorRow: 2, cursorCol: 2, endRow: 2, endCol: 5 })
  })
})

describe('input tokens', () => {
  it('splits text, control keys and escape sequences, keeping the raw text', () => {
    expect(inputTokens('ab\x1b[Ac\r\n\x03').map((t) => (t.kind === 'text' ? t.text : t.key))).toEqual(['ab', 'up', 'c', 'enter', 'interrupt'])
    expect(inputTokens('\x1b[200~x\x1b[201~').map((t) => t.raw)).toEqual(['x'])
    expect(inputTokens('\x1b[1;5D\x7f').map((t) => (t.kind === 'key' ? t.key : t.text))).toEqual(['word-left', 'backspace'])
  })
})

describe('prompt and widths', () => {
  it('prints psql prompts', () => {
    expect(promptText({ name: 'postgres', superuser: true }, '=')).toBe('postgres=# ')
    expect(promptText({ name: 'alice@acme.test', superuser: false }, '=')).toBe('alice@acme.test=> ')
    expect(promptText({ name: 'postgres', superuser: true }, '(')).toBe('postgres(# ')
    expect(databaseName('postgres://postgres@127.0.0.1:5432/app')).toBe('app')
    expect(databaseName(undefined)).toBe('postgres')
  })

  it('counts wide characters as two columns', () => {
    expect(textWidth('日本')).toBe(4)
    expect(textWidth('e\u0301')).toBe(1)
    expect(pad('日', 4)).toBe('日  ')
  })
})

describe('edit keys', () => {
  it('maps editing keys to the line editor and leaves the others to the console', () => {
    expect(editKey(ed.atEnd('ab'), 'backspace')).toEqual({ text: 'a', cursor: 1 })
    expect(editKey(ed.atEnd('ab'), 'tab')).toEqual({ text: 'ab    ', cursor: 6 })
    expect(editKey({ text: 'ab', cursor: 0 }, 'eof')).toEqual({ text: 'b', cursor: 0 })
    expect(editKey(ed.atEnd('ab'), 'enter')).toBeUndefined()
    expect(editKey(ed.atEnd('ab'), 'up')).toBeUndefined()
  })
})

describe('statement history', () => {
  it('steps back and forth, keeping the typed draft', () => {
    const h = new StatementHistory()
    h.remember('select 1;')
    h.remember('select 2;')
    h.remember('select 2;')
    expect(h.entries).toEqual(['select 1;', 'select 2;'])
    const draft = ed.atEnd('sel')
    expect(h.step(draft, 1)).toBe(draft)
    const prev = h.step(draft, -1)
    expect(prev.text).toBe('select 2;')
    expect(h.step(h.step(prev, -1), -1).text).toBe('select 1;')
    expect(h.step(prev, 1).text).toBe('select 2;')
    expect(h.step(prev, 1)).toEqual(draft)
  })

  it('puts the saved history before what ran meanwhile', () => {
    const h = new StatementHistory()
    h.remember('select 3;')
    h.merge(['select 1;', 'select 2;', 'select 2;'])
    expect(h.entries).toEqual(['select 1;', 'select 2;', 'select 3;'])
  })
})

describe('response lines', () => {
  it('prints notices, a table with a blank line after it, a bare tag and the error', () => {
    const lines = responseLines(
      {
        notices: ['NOTICE:  hello', 'plain'],
        results: [result({ rowCount: 1, fields: [{ name: 'a', type: 'integer' }], rows: [[1]] }), result({ command: 'CREATE', tag: 'CREATE TABLE', rowCount: null })],
        error: { message: 'boom', code: '42000' },
        durationMs: 1,
        ranAs: { currentUser: 'postgres', sessionUser: 'postgres', identity: 'superuser' },
      },
      'select 1;',
      'off',
      80,
    )
    expect(plain(lines)).toEqual(['NOTICE:  hello', 'plain', ' a', '---', ' 1', '(1 row)', '', 'CREATE TABLE', 'ERROR:  boom  (SQLSTATE 42000)'])
  })
})
