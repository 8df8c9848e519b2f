/** English strings of the gallery view (merged into en.ts; zh twin in gallery.zh.ts). */
export const galleryEn = {} as const;
