/**
 * Accessibility check for the browser tests: run axe-core (the local node_modules copy, injected
 * into the page, nothing fetched) and return the serious and critical violations, each as one line
 * a failing `expect(...).toEqual([])` can print: rule id, impact, help text and the offending nodes.
 *
 *   expect(await seriousA11yViolations(page)).toEqual([]);
 *   expect(await seriousA11yViolations(page, '[data-testid=timeline]')).toEqual([]);
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

function source(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface A11yViolation {
  id: string;
  impact: ImpactValue | null | undefined;
  help: string;
  /** CSS selectors of the failing nodes (at most five) and the first failure summary. */
  nodes: string[];
  summary: string;
}

/** Impacts that fail a test. */
export const FAILING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical'];

/**
 * Run axe on the page (or on the elements matching `selector`) and return its serious and critical
 * violations. `options` go to axe.run (e.g. `{ rules: { 'color-contrast': { enabled: false } } }`).
 */
export async function seriousA11yViolations(page: Page, selector?: string, options: RunOptions = {}): Promise<A11yViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.addScriptTag({ content: source() });
  const results = await page.evaluate(
    async ({ selector, options }) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
      return (await axe.run(selector ?? document, { resultTypes: ['violations'], ...options })) as unknown;
    },
    { selector, options },
  );
  const violations = (results as AxeResults).violations;
  return violations
    .filter((v) => v.impact !== undefined && v.impact !== null && FAILING_IMPACTS.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
      summary: v.nodes[0]?.failureSummary ?? '',
    }));
}
