/** Chinese strings of the console view: the same keys as console.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { consoleEn } from './console.en';

export const consoleZh: Record<keyof typeof consoleEn, string> = {
  conHeading: '控制台',
  conIntro:
    '输入在真实 Linux 机器上会用的命令：ip mptcp、sysctl net.mptcp.*、ss -M、nstat。查询类命令按时间轴游标所在时刻作答；修改类命令在该时刻生效，并从那里重新计算整个运行。',
  conHostLegend: '主机',
  conHostClient: '客户端',
  conHostServer: '服务器',
  conInputLabel: '在{host}上执行的命令（t = {t} 秒）',
  conRun: '运行',
  conClear: '清屏',
  conStop: '停止监视',
  conOutputLabel: '控制台输出',
  conKeys: 'Tab 补全（Shift+Tab 离开输入框），↑/↓ 调出之前的命令，Ctrl+C 停止 ip mptcp monitor，Ctrl+L 清屏。',
  conCompletions: '可选的词',
  conRefusedWord: '被拒绝的词：',
  conExitStatus: '退出状态 {status}',
  conRecomputing: '正在从 t = {t} 秒起重新计算运行……',
  conWelcome: '试试：ip mptcp endpoint show —— 或输入 help。',

  conNote_help:
    '命令：ip mptcp endpoint add|delete|change|show|flush、ip mptcp limits set|show、ip mptcp monitor、ip -n client|server …、ip netns exec client|server …、sysctl [-w] net.mptcp.…、nstat [-az] [模式]、ss -M / -t [-i]、getsockopt SOL_MPTCP MPTCP_INFO|MPTCP_TCPINFO|MPTCP_SUBFLOW_ADDRS|MPTCP_FULL_INFO / SOL_TCP TCP_IS_MPTCP [--hex]，以及过滤器 | grep、| head、| wc -l。另有 history 和 clear。',
  conNote_forked: '已在 t = {t} 秒作为场景事件“{action}”应用于{host}；运行从该时刻起重新计算。',
  conNote_notExpressible: '内核会接受这条命令，但 kernel-ref-scenario/1 事件无法表达它（{what}），因此运行不变。',
  conNote_otherIpObject: 'Linux 上有 ip {object}，但本控制台只模拟 ip mptcp。',
  conNote_sysctlNotEmulated: '{key}：这里只模拟 net.mptcp.* 以及场景中设置的键。',
  conNote_countersAtEnd: '这些是 t = {end} 秒时的计数器，即光标之前最近的一次快照（每个分析区间一次）。',
  conNote_monitorHistory: '显示 t = {t} 秒之前的事件（真实的 monitor 只打印新事件）。时间轴播放时会继续输出；Ctrl+C 停止。',
  conNote_filterIgnored: '这里不计算过滤条件“{filter}”：列出所有套接字。',
  conNote_sockoptNoSocket: '在 t = {t} 秒，{host}上的应用没有已连接的套接字：服务器的套接字在 accept() 返回后才存在，传输结束后双方都会关闭套接字（或 socket() 调用失败）。',
  conNote_sockoptSample: '计数器和 tcp_info 取自应用在 t = {t} 秒的采样（kernel-ref 每隔 sample_interval_s 采样一次）。',
  conNote_sockoptNoSample: '尚在应用的第一次采样之前：计数器读数为 0。',
  conNote_sockoptUntraced: '此时刻未被记录、显示为 0 的字段：{fields}。',

  cntHeading: 'MPTCP_INFO 与计数器',
  cntInfoCaption: '{host}套接字在 t = {t} 秒的 getsockopt(MPTCP_INFO)',
  cntSampleAt: '字节和子流计数来自应用在 t = {t} 秒的采样（每 100 毫秒一次，与 kernel-ref 相同）。',
  cntNoSocket: '此时{host}上没有 MPTCP 套接字。',
  cntField: '字段',
  cntValue: '值',
  cntCounter: '计数器',
  cntMibCaption: '{host}上变化过的 MPTcpExt 计数器',
  cntMibAtEnd: '运行结束时（t = {end} 秒）的值。',
  cntMibNone: '没有 MPTcpExt 计数器变化。',
};
