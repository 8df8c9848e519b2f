/** English strings of the share view (merged into en.ts; zh twin in share.zh.ts). */
export const shareEn = {} as const;
