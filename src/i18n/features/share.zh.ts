/** Chinese strings of the share view: the same keys as share.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { shareEn } from './share.en';

export const shareZh: Record<keyof typeof shareEn, string> = {
  shareCopy: '复制链接',
  shareCopied: '链接已复制：它会以相同的场景、随机种子和视图打开这次运行。',
  shareCopyManual: '请从下面的输入框中复制链接。',
  shareLinkLabel: '这次运行的链接',
  shareProblemHeading: '无法打开这个链接',
  shareProblemDefault: '现在显示的是默认场景。',
  shareDetail: '详情',
  shareDismiss: '关闭',
  shareErrTooLong: '链接太长，不可能是一个场景。',
  shareErrBadFormat: '这不是实验场的链接，或者链接被截断了。',
  shareErrBadBase64: '链接中含有实验场链接不会出现的字符：它可能被改动或截断了。',
  shareErrBadCompression: '链接中的压缩数据已损坏或不完整。',
  shareErrTooLarge: '链接解压后的数据超过了场景允许的大小。',
  shareErrBadText: '链接中不是可读的文本。',
  shareErrBadJson: '链接的内容不是有效的 JSON。',
  shareErrForbiddenKey: '链接中含有出于安全原因被拒绝的键。',
  shareErrBadField: '链接中某个字段的类型或取值不正确。',
  shareErrBadVersion: '这个链接由另一个版本的实验场生成。',
  shareErrInvalidScenario: '链接中的场景无效：',
};
