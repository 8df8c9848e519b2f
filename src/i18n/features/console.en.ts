/** English strings of the console view (merged into en.ts; zh twin in console.zh.ts). */
export const consoleEn = {} as const;
