/** Chinese strings of the topology view: the same keys as topology.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { topologyEn } from './topology.en';

export const topologyZh: Record<keyof typeof topologyEn, string> = {};
