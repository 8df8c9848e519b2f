/** 用户脚本（sim.pm_script、sim.scheduler_script）及其示例的中文字符串（英文见 script.en.ts）。 */
import type { scriptEn } from './script.en';

export const scriptZh: Record<keyof typeof scriptEn, string> = {
  scriptStuckStatus: '已停止：用户脚本运行时间过长',
  scriptStuckHeading: '运行已停止',
  scriptStuckText: '运行时间超过 {s} 秒，仿真 Worker 已被停止并替换；页面仍可正常使用。用户脚本（{scripts}）可能陷入了死循环：请修改后重新运行。',
  'sched.script.title': 'script（用户 JavaScript）',
  'sched.script.why': '由用户脚本选择：{reason}',
  'sched.why.script': '由用户脚本选择',
  'sched.skip.notChosen': '用户脚本选择了另一个子流',
  galleryAddrAdvTitle: '脚本路径管理器：通告所有地址（addr_adv）',
  galleryAddrAdvText:
    '服务器使用用户空间路径管理器，由一段仿照 mptcpd addr_adv 插件编写的 JavaScript 守护程序驱动：连接建立后，它通告（ADD_ADDR）本机的其他每个地址。客户端的内核路径管理器接受这些通告，并向每个地址建立一条 MP_JOIN 子流。脚本位于场景文件的 sim.pm_script 中，可以修改后重新运行。',
  gallerySspiTitle: '脚本路径管理器：每个接口一条子流（sspi）',
  gallerySspiText:
    '客户端使用用户空间路径管理器，由一段仿照 mptcpd sspi 插件编写的 JavaScript 守护程序驱动：每个网络接口最多承载一条子流。服务器在路径 2 上通告两个地址；脚本向第一个地址建立子流，而忽略第二个，因为该接口已被占用。',
  gallerySchedScriptTitle: '脚本数据包调度器：RTT 最低优先',
  gallerySchedScriptText:
    '客户端的数据包调度器是一个 JavaScript 函数（sim.scheduler_script）：对每一批数据，它选择平滑 RTT 最低且拥塞窗口仍有余量的可用子流，与 minRTT 调度器相同，并给出理由。修改它——例如改为轮询，或总是走慢速路径——看看字节会走哪条路。',
};
