/** Chinese strings of the chart frame and the sequence views: the same keys as seqviews.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { seqviewsEn } from './seqviews.en';

export const seqviewsZh: Record<keyof typeof seqviewsEn, string> = {
  chartKeysHelp: '滚轮或 +/− 缩放，拖动或 ←/→ 平移，0 复位。点击可把游标移到该处并选中最近的数据包。',
  chartPlotLabel: '{title}：图表',
  chartWindow: '显示 {from} 到 {to}',
  chartZoomIn: '放大',
  chartZoomOut: '缩小',
  chartReset: '复位缩放',
  chartExport: '导出',
  chartExportSvg: '下载 SVG',
  chartExportPng: '下载 PNG',
  chartAxisTime: '时间 (s)',
  chartSeconds: '{v} s',

  seqHeading: '连接的时间–序列号图',
  seqIntro:
    '每个数据段画成一条竖线，从它的第一个到最后一个数据序列号 (DSN)，颜色表示承载它的子流；阶梯线是发送方收到的数据层确认 (DATA_ACK)。虚线刻度标出 MP_JOIN、ADD_ADDR、REMOVE_ADDR 和 MP_PRIO；菱形标出重新注入（在另一个子流上再次发送的数据）。画法同 mptcptrace / mptcpplot。',
  seqAxisY: '数据序列号（相对值）',
  seqCapture: '在{side}（数据发送方）抓包，因此时间是发送时间。DSN 相对于发送方的 IDSN。',
  seqCaptureReceiver: '在{side}（接收方；发送方没有抓包）抓包，因此时间是到达时间。DSN 相对于发送方的 IDSN。',
  seqSideClient: '客户端',
  seqSideServer: '服务器',
  seqCount: '此窗口中有 {count} 个数据段',
  seqLegendDataAck: 'DATA_ACK',
  seqLegendReinject: '重新注入',
  seqLegendSignal: '信令',
  seqNoData: '这次运行没有发送 MPTCP 数据（普通 TCP 或已回退）：没有数据序列空间可画。',
  seqSubflow: '子流 {n}（{path}）',

  sfHeading: '子流的时间–序列号图',
  sfIntro:
    '按 tcptrace 的画法显示一个子流：每个数据段是覆盖其子流序列号的竖线，重传用 × 标出，下方是 ACK 线，上方是接收窗口（ACK + 通告窗口）。',
  sfAxisY: '子流序列号（相对值）',
  sfPick: '子流',
  sfLegendData: '数据',
  sfLegendRetrans: '重传',
  sfLegendAck: 'ACK',
  sfLegendRwnd: '接收窗口',
  sfCount: '此窗口中有 {count} 个数据段（其中 {retrans} 个重传）',
  sfNoData: '这次运行中没有子流承载数据。',

  mapHeading: 'DSN ↔ SSN 映射',
  mapIntro:
    '每个 DSS 数据序列映射画成一条带子：从它在数据序列空间中的范围（上方）连到它在所属子流序列空间中的范围（下方该子流的一行）。交叉或散开的带子显示调度器如何把数据流分配到各个子流。可沿数据序列号轴缩放；游标之后发送的映射显示为淡色。',
  mapAxisX: '数据序列号（相对值）',
  mapLaneData: '数据层 (DSN)',
  mapLaneSubflow: '子流 {n} (SSN)',
  mapCount: '此窗口中有 {count} 个映射',
  mapNoData: '这次运行中没有 DSS 映射。',

  exportHeading: '导出这次运行',
  exportIntro: 'Wireshark 可读的抓包文件、kernel-ref 摘要，以及能重现这次运行的场景（含随机种子）。',
  exportPcapng: 'capture.pcapng',
  exportSummary: 'summary.json',
  exportScenario: 'scenario.json',
  exportNoSummary: '这次运行没有摘要（它没有正常结束）。',
};
