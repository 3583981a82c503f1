import { describe, expect, it } from 'vitest'
import { wrapPerRowCalls } from '../../../electron/server/studio/rls/advisor.js'

describe('wrapPerRowCalls', () => {
  it.each([
    ['(user_id = auth.uid())', '(user_id = ( SELECT auth.uid()))'],
    ["((user_id)::text = current_setting('app.user_id'::text, true))", "((user_id)::text = ( SELECT current_setting('app.user_id'::text, true)))"],
    ['(user_id = ( SELECT auth.uid() AS uid))', '(user_id = ( SELECT auth.uid() AS uid))'],
    ["((auth.jwt() ->> 'role'::text) = 'admin'::text)", "((( SELECT auth.jwt()) ->> 'role'::text) = 'admin'::text)"],
    ['(owner_id IS NOT NULL)', '(owner_id IS NOT NULL)'],
  ])('%s', (input, output) => expect(wrapPerRowCalls(input)).toBe(output))
})
