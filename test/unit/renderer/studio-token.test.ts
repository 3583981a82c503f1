// test/unit/renderer/studio-token.test.ts — reading the studio token out of a URL fragment, and
// what is left of the fragment once it is taken out.
import { describe, expect, it } from 'vitest'
import { hashWithoutToken, tokenFromHash } from '../../../renderer/src/api/studio-token'

describe('tokenFromHash', () => {
  it.each([
    ['#token=abc_DEF-123', 'abc_DEF-123'],
    ['#view=tables&token=abc', 'abc'],
    ['token=abc', 'abc'],
    ['#token=', null],
    ['#', null],
    ['', null],
    ['#tokens=abc', null],
  ])('%j → %j', (hash, token) => expect(tokenFromHash(hash)).toBe(token))
})

describe('hashWithoutToken', () => {
  it.each([
    ['#token=abc', ''],
    ['#view=tables&token=abc', '#view=tables'],
    ['#token=abc&view=sql', '#view=sql'],
    ['', ''],
  ])('%j → %j', (hash, rest) => expect(hashWithoutToken(hash)).toBe(rest))
})
