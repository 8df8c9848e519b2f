/** Chinese strings of the inspector view: the same keys as inspector.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { inspectorEn } from './inspector.en';

export const inspectorZh: Record<keyof typeof inspectorEn, string> = {};
