/** English strings of the inspector view (merged into en.ts; zh twin in inspector.zh.ts). */
export const inspectorEn = {} as const;
