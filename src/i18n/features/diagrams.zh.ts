/** Chinese strings of the diagrams view: the same keys as diagrams.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { diagramsEn } from './diagrams.en';

export const diagramsZh: Record<keyof typeof diagramsEn, string> = {};
