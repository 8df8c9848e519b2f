/** Chinese strings of opening a real capture: the same keys as capture.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { captureEn } from './capture.en';

export const captureZh: Record<keyof typeof captureEn, string> = {
  captureOpen: '打开抓包文件…',
  captureHint: '打开一个 .pcap 或 .pcapng 文件（或把它拖放到页面上），即可在所有视图中查看真实的 MPTCP 抓包。',
  captureDrop: '松开鼠标即可打开抓包文件',
  captureReading: '正在读取 {name}…',
  captureProgress: '读取进度',
  captureCancel: '取消',
  captureCancelled: '已取消打开 {name}。',
  captureOpened: '已打开 {name}：{frames} 帧，{tcp} 个 TCP 数据包，{subflows} 个子流，读取用时 {ms} 毫秒。',
  captureTimeBase: '时间是从第一个数据包起算的秒数。链路设置、计数器和套接字采样不在抓包文件中，显示为“不可用”。',
  capturePartial: '文件中有 {count} 处问题；下面显示能够读取的部分：',
  captureErrorHeading: '无法打开该抓包文件',
  captureTooLarge: '{name} 大小为 {size} MB；页面最多打开 {limit} MB 的抓包文件。更大的文件请使用 npm run analyze。',
  captureProblem: '字节 {offset}，块 {block}：{message}',
  captureCrash: '抓包读取器意外停止：{message}',
  captureIpv6: '{count} 个 IPv6 地址：各视图均显示真实地址。包检查器生成的报文字节为 IPv4（模拟器只支持 IPv4），其中每个地址以占位地址 240.0.0.x 代替。',
  captureIpv6Map: '生成字节中的占位地址',
} as const;
