/** English strings of the timeline view (merged into en.ts; zh twin in timeline.zh.ts). */
export const timelineEn = {} as const;
