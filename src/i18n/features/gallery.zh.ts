/** Chinese strings of the gallery view: the same keys as gallery.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { galleryEn } from './gallery.en';

export const galleryZh: Record<keyof typeof galleryEn, string> = {};
