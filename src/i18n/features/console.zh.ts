/** Chinese strings of the console view: the same keys as console.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { consoleEn } from './console.en';

export const consoleZh: Record<keyof typeof consoleEn, string> = {};
