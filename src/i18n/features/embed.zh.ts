/** 嵌入（`<mptcp-playground>` 元素、embed.html iframe 路由和文档页 docs/embedding.html）的中文字符串；合并进 zh.ts。 */
import type { embedEn } from './embed.en';

export const embedZh: Record<keyof typeof embedEn, string> = {
  embeddingLabel: 'MPTCP 实验场：{scenario}',
  embeddingLoading: '正在加载场景…',
  embeddingRunning: '正在模拟…',
  embeddingNoScenario: '还没有场景：设置 scenario=（图库场景 id 或场景文件的 URL），或调用 load()。',
  embeddingBadOption: '选项 {option}="{value}" 已忽略；可用的值：{expected}。',
  embeddingFailed: '模拟失败：{message}',
  embeddingRerun: '重新运行',
  embeddingInlineScenario: '场景',
  embeddingPoweredBy: '打开 MPTCP 实验场',

  embedDocsTitle: '嵌入 MPTCP 实验场',
  embedDocsIntro:
    '把可交互、确定性的多路径 TCP 模拟放进任何网页：用自定义元素（一个脚本，样式隔离在 shadow root 中），或用 iframe（完全隔离，通过 postMessage 控制）。两者选项相同。访问过本站一次后，两者都能离线使用。',
  embedDocsElementHeading: '自定义元素',
  embedDocsElementText:
    '从实验场的发布地址加载该模块，然后写出元素。脚本所在的服务器必须允许跨源请求（CORS），GitHub Pages 即是如此。每个页面只用一种语言：以最后一个元素的 lang 为准。',
  embedDocsIframeHeading: 'iframe',
  embedDocsIframeText:
    'embed.html 以查询参数接收选项。它把内容高度发给父页面，方便页面调整框的大小。只接受 parent-origin 中列出的源（逗号分隔）发来的消息；没有该参数时，框不接受任何命令，除高度外也不向任何页面发送事件。',
  embedDocsOptionsHeading: '选项',
  embedDocsOption: '选项',
  embedDocsMeaning: '含义',
  embedDocsOptScenario: '图库场景 id（handover、backup、aggregation、middlebox-fallback、add-addr、plain-tcp…）或 kernel-ref-scenario/1 JSON 文件的 URL（最大 2 MB）',
  embedDocsOptLang: 'en 或 zh；默认取页面的 <html lang>',
  embedDocsOptViews: '逗号分隔的 topology、ladder、inspector、diagrams、console（时间轴总会显示）；默认 topology',
  embedDocsOptControls: 'none（由 API 控制）、timeline（默认）或 full（时间轴加“重新运行”按钮）',
  embedDocsOptAutoplay: '运行结果一算完就开始播放',
  embedDocsOptSeed: '覆盖场景的随机种子（0 到 4294967295）',
  embedDocsOptTheme: 'light 或 dark；默认跟随读者的系统设置',
  embedDocsOptParentOrigin: '仅 iframe：可以发送命令、接收事件的源',
  embedDocsApiHeading: 'API',
  embedDocsApiText:
    '方法：load(id、URL 或 JSON)、play()、pause()、seek(秒)。事件：mptcp-ready、mptcp-run（detail：本次运行的基本结果）、mptcp-time（detail.t，每秒最多十次）。iframe 以消息接收同样的命令 {type: "mptcp-playground:load" | "…:play" | "…:pause" | "…:seek", scenario?, t?}，并发出 mptcp-playground:ready、:run、:time 和 :height。',
  embedDocsLiveHeading: '实时演示',
  embedDocsDemoControls: '控制元素',
  embedDocsPlay: '播放',
  embedDocsPause: '暂停',
  embedDocsSeek: '跳到 {s} 秒',
  embedDocsLoad: '加载 {id}',
  embedDocsLastEvent: '最近事件：{event} {detail}',
  embedDocsOfflineHeading: '离线',
  embedDocsOfflineText: '访问一次后，service worker 会保存本站的所有文件（应用、课程、练习、嵌入包），因此从本站提供的页面和嵌入内容在没有网络时也能继续使用。',
  embedDocsCopy: '复制粘贴：',
  embedDocsBack: '返回实验场',
};
