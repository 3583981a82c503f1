import { describe, expect, it } from 'vitest'
import { splitTopLevel, stripOuterParens } from '../../../electron/server/studio/rls/split-clauses.js'

describe('splitTopLevel', () => {
  it.each([
    ['((user_id)::text = current_setting(\'app.user_id\'::text, true))', null, ["(user_id)::text = current_setting('app.user_id'::text, true)"]],
    ['((owner = auth.uid()) AND (deleted_at IS NULL))', 'AND', ['owner = auth.uid()', 'deleted_at IS NULL']],
    ['((a = 1) OR ((b = 2) AND (c = 3)))', 'OR', ['a = 1', '(b = 2) AND (c = 3)']],
    ["((title = 'x AND y') OR (note = 'it''s OR not'))", 'OR', ["title = 'x AND y'", "note = 'it''s OR not'"]],
    ['(EXISTS ( SELECT 1 FROM shares s WHERE ((s.doc_id = documents.id) AND (s.user_id = auth.uid()))))', null, ['EXISTS ( SELECT 1 FROM shares s WHERE ((s.doc_id = documents.id) AND (s.user_id = auth.uid())))']],
    ['((now() >= published_at) AND ((expires_at IS NULL) OR (now() < expires_at)))', 'AND', ['now() >= published_at', '(expires_at IS NULL) OR (now() < expires_at)']],
    ['((x)::text = ANY ((ARRAY[\'a\'::character varying, \'b\'::character varying])::text[]))', null, ["(x)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])"]],
  ])('%s', (expr, op, parts) => {
    expect(splitTopLevel(expr)).toEqual({ op, parts })
  })

  it('strips only wrapping parentheses', () => {
    expect(stripOuterParens('(a) AND (b)')).toBe('(a) AND (b)')
    expect(stripOuterParens('((a))')).toBe('a')
  })
})
