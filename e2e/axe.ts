import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = AxeResults['violations'][number];

export type AxeOptions = {
  /** Check only this part of the page (a CSS selector). */
  include?: string;
  /** Leave these parts out (CSS selectors), e.g. a third-party widget — say why at the call. */
  exclude?: string[];
  /** Rules to skip — say why at the call. */
  disableRules?: string[];
};

// WCAG 2.0 and 2.1, levels A and AA.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails the test when axe-core finds WCAG 2.1 A/AA violations on the page as it is now. */
export async function expectNoAxeViolations(page: Page, options: AxeOptions = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (options.include) builder = builder.include(options.include);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  // One readable line per problem and element, so the failure says what to fix and where.
  expect(results.violations.flatMap(describe), `accessibility violations on ${page.url()}`).toEqual([]);
}

function describe(violation: Violation): string[] {
  return violation.nodes.map((node) => {
    const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
    return `[${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help} — at ${node.target.join(' ')} — ${summary} (${violation.helpUrl})`;
  });
}
