/**
 * 中文界面字符串。键与 en.ts 完全相同（缺键即类型错误），`{占位符}` 原样保留。
 * 术语一律取自 ../../shared/reference/glossary.md；Linux 名称（MP_CAPABLE、connect() 等）不翻译。
 */
import type { en } from './en';

import { timelineZh } from './features/timeline.zh';
import { topologyZh } from './features/topology.zh';
import { ladderZh } from './features/ladder.zh';
import { inspectorZh } from './features/inspector.zh';
import { diagramsZh } from './features/diagrams.zh';
import { consoleZh } from './features/console.zh';
import { galleryZh } from './features/gallery.zh';
import { scriptZh } from './features/script.zh';
import { shareZh } from './features/share.zh';
import { labZh } from './features/lab.zh';
import { chartsZh } from './features/charts.zh';
import { schedZh } from './features/sched.zh';
import { lessonsZh } from './features/lessons.zh';
import { expertZh } from './features/expert.zh';
import { exercisesZh } from './features/exercises.zh';
import { seqviewsZh } from './features/seqviews.zh';
import { captureZh } from './features/capture.zh';
import { abZh } from './features/ab.zh';
import { embedZh } from './features/embed.zh';

export const zh: Record<keyof typeof en, string> = {
  appName: 'MPTCP 实验场',
  appTagline: '在浏览器中模拟多路径TCP (MPTCP)',
  skipToContent: '跳到主要内容',
  languageLabel: '语言',
  themeLabel: '主题',
  themeSystem: '跟随系统',
  themeLight: '浅色',
  themeDark: '深色',

  scenarioHeading: '场景',
  scenarioEditorLabel: '场景（kernel-ref-scenario/1 JSON）',
  scenarioHelp: '编辑 JSON 后运行。同一文件也可以用 kernel-ref 在真实的 Linux 内核上运行。未知的键会报错。',
  resetScenario: '恢复默认',
  seedLabel: '随机种子',
  seedHelp: '留空则使用场景自带的种子。相同的种子得到相同的运行结果。',
  run: '运行',

  statusIdle: '就绪。',
  statusRunning: '运行中…',
  statusComputing: '已计算到 {s} 秒；正在计算其余部分…',
  runPartial: '已计算到运行的 {s} 秒；正在计算其余部分… 运行完成后显示摘要。',
  statusDone: '完成，用时 {ms} 毫秒。',
  statusInvalid: '未运行：场景有 {count} 个问题。',
  statusCrash: '模拟器因内部错误而停止。',

  errorsHeading: '场景中的问题',
  errorPath: 'JSON 路径',
  crashHeading: '内部错误',
  crashHelp: '这是模拟器的缺陷，不是你的场景的问题。错误信息：',

  summaryHeading: '摘要',
  summaryEmpty: '运行场景后，结果会显示在这里。',
  summaryUnavailable: '运行已结束，但模拟器暂时无法为它生成摘要。',
  goodput: '有效吞吐量',
  unitMbit: '{value} Mbit/s',
  unitSeconds: '{value} 秒',
  unitBytes: '{value} 字节',
  duration: '总时长',
  handshake: '握手时间',
  bytesSent: '已发送字节',
  bytesReceived: '已接收字节',
  streamIntact: '字节流完整',
  longestGap: '数据最长停顿',
  longestGapWhen: '从 {from} 秒到 {to} 秒',
  yes: '是',
  no: '否',
  notAvailable: '无',
  runStats: '{packets} 个数据包 · {events} 个引擎事件 · 模拟了 {endS} 秒',

  subflowsHeading: '子流',
  subflowsCaption: '数据方向（{dir}）上的载荷。时间为自 connect() 起的秒数。',
  dirC2s: '客户端 → 服务器',
  dirS2c: '服务器 → 客户端',
  colFourTuple: '四元组',
  colKind: '类型',
  colPayload: '载荷字节',
  colRetrans: '重传字节',
  colFirstPayload: '首个载荷（秒）',
  colLastPayload: '最后载荷（秒）',
  noSubflows: '没有子流传输数据。',

  checksHeading: '检查',
  checkPass: '通过',
  checkFail: '未通过',

  footer: '确定性模拟：一切都在本页面内离线运行。',

  ...timelineZh,
  ...topologyZh,
  ...ladderZh,
  ...inspectorZh,
  ...diagramsZh,
  ...consoleZh,
  ...galleryZh,
  ...scriptZh,
  ...shareZh,
  ...labZh,
  ...chartsZh,
  ...schedZh,
  ...lessonsZh,
  ...expertZh,
  ...exercisesZh,
  ...seqviewsZh,
  ...captureZh,
  ...abZh,
  ...embedZh,
};
