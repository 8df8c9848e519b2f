/** English strings of the ladder view (merged into en.ts; zh twin in ladder.zh.ts). */
export const ladderEn = {} as const;
