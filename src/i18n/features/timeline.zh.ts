/** Chinese strings of the timeline view: the same keys as timeline.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { timelineEn } from './timeline.en';

export const timelineZh: Record<keyof typeof timelineEn, string> = {};
