/**
 * The rows of `npm run compare` live in src/core/export/compare-rows.ts, so the page's A/B view
 * (real kernel next to simulated) judges by the same definition as scripts/compare.ts and the
 * fidelity tests. This file keeps the fidelity tests' import path and their `Summary` name.
 */
export * from '../../src/core/export/compare-rows';
export type { CompareSummary as Summary } from '../../src/core/export/compare-rows';
