/** English strings of the diagrams view (merged into en.ts; zh twin in diagrams.zh.ts). */
export const diagramsEn = {} as const;
