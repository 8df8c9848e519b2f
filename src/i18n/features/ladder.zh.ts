/** Chinese strings of the ladder view: the same keys as ladder.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { ladderEn } from './ladder.en';

export const ladderZh: Record<keyof typeof ladderEn, string> = {};
