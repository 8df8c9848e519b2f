/** 专家视图面板的中文文字（en 版本见 expert.en.ts）。 */
import type { expertEn } from './expert.en';

export const expertZh: Record<keyof typeof expertEn, string> = {
  expertHeading: '专家视图',
  expertIntro: '用于仔细查看这次运行的图表，与上面的视图共用同一个时钟和选择。打开你需要的图表；每个图表在打开时才加载。',
  expertToggles: '显示这些视图',
  expertLoading: '正在加载视图……',
};
