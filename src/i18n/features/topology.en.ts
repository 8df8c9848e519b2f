/** English strings of the topology view (merged into en.ts; zh twin in topology.zh.ts). */
export const topologyEn = {} as const;
