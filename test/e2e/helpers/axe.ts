// test/e2e/helpers/axe.ts — accessibility checks for every e2e view: runs axe-core (@axe-core/playwright, on the
// playwright-core page the tests already drive) against the page as it is, and fails on serious or critical
// violations with a readable list (rule, impact, what to fix, the first few offending elements). Minor and moderate
// findings are returned for the test to log, not failed on.
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>
type Violation = AxeResults['violations'][number]

export interface A11yOptions {
  /** CSS selectors to leave out (third-party canvases such as xterm's, with a reason in the test). */
  exclude?: string[]
  /** Only this part of the page. */
  include?: string
}

/** One violation as text: `serious color-contrast: Elements must meet… (2 nodes)\n  - .tb-tag: Fix any of…`. */
export function describeViolation(violation: Violation): string {
  const nodes = violation.nodes.slice(0, 5).map((node) => `  - ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''}`)
  const more = violation.nodes.length > 5 ? [`  … and ${violation.nodes.length - 5} more`] : []
  return [`${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length} nodes) ${violation.helpUrl}`, ...nodes, ...more].join('\n')
}

/** Runs axe (WCAG 2.x A and AA rules plus best practices) and returns every violation. */
export async function axeViolations(page: Page, options: A11yOptions = {}): Promise<Violation[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
  if (options.include) builder = builder.include(options.include)
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector)
  return (await builder.analyze()).violations
}

/**
 * Fails the test when axe finds a serious or critical violation; `label` names the view and state in the message
 * ("gallery, dark"). Returns the minor/moderate ones.
 */
export async function expectNoSeriousA11yViolations(page: Page, label: string, options: A11yOptions = {}): Promise<Violation[]> {
  const violations = await axeViolations(page, options)
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map(describeViolation).join('\n\n'), `axe: serious or critical violations on ${label}`).toBe('')
  return violations.filter((v) => !serious.includes(v))
}
