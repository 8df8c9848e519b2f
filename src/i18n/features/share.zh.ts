/** Chinese strings of the share view: the same keys as share.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { shareEn } from './share.en';

export const shareZh: Record<keyof typeof shareEn, string> = {};
