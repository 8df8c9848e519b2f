/** Chinese strings of the Linux lab export: the same keys as lab.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { labEn } from './lab.en';

export const labZh: Record<keyof typeof labEn, string> = {
  labExport: '导出 Linux 实验',
  labExportHelp: '一个 bash 脚本：在真实的 Linux 机器上用网络命名空间搭建此场景并运行，然后打印内核建立的子流。脚本注释使用页面当前的语言。',
  labExported: '已下载 {file}。请在 Linux 上以 root 身份运行：sudo bash {file}',
  labInvalid: '未导出：场景有 {count} 个问题。运行场景即可查看。',
  labWarningsHeading: '此实验在普通 Linux 机器上无法复现的部分：',
};
