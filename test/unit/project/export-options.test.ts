// test/unit/project/export-options.test.ts — the export endpoint's request → options, with upstream's defaults.
import { describe, expect, it } from 'vitest'
import { exportOptions } from '../../../electron/server/project/types/export-options.js'

describe('exportOptions', () => {
  it('turns views and functions on for a GET and for a POST without a usable body', () => {
    const all = { schemas: ['public'], includeFunctions: true, includeViews: true }
    expect(exportOptions('GET', undefined, {})).toEqual(all)
    expect(exportOptions('POST', undefined, {})).toEqual(all)
    expect(exportOptions('POST', [1, 2], {})).toEqual(all)
  })

  it('leaves them off for an explicit POST body unless it sets them', () => {
    expect(exportOptions('POST', {}, {})).toEqual({ schemas: ['public'], includeFunctions: false, includeViews: false })
    expect(exportOptions('POST', { schemas: ['app', 'app'], include_views: true, format: 'x' }, {})).toEqual({ schemas: ['app'], includeFunctions: false, includeViews: true })
  })

  it('reads a GET from its query string', () => {
    expect(exportOptions('GET', undefined, { schemas: 'public, app', include_views: 'false' })).toEqual({ schemas: ['public', 'app'], includeFunctions: true, includeViews: false })
  })

  it('names the field that is wrong', () => {
    expect(() => exportOptions('POST', { schemas: 'public' }, {})).not.toThrow()
    expect(() => exportOptions('POST', { schemas: [] }, {})).toThrow(/"schemas" must be a non-empty list/)
    expect(() => exportOptions('POST', { schemas: [1] }, {})).toThrow(/"schemas"/)
    expect(() => exportOptions('POST', { include_functions: 1 }, {})).toThrow(/"include_functions" must be true or false/)
    expect(() => exportOptions('GET', undefined, { include_views: 'maybe' })).toThrow(/"include_views"/)
  })
})
