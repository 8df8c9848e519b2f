/** Chinese strings of the gallery view: the same keys as gallery.en.ts (terms: ../../../shared/reference/glossary.md). */
import type { galleryEn } from './gallery.en';

export const galleryZh: Record<keyof typeof galleryEn, string> = {
  galleryOpen: '场景库…',
  galleryHeading: '场景库',
  galleryIntro: '现成的场景。选择一个后，它的文件会放进编辑器并立即运行；每个文件也都可以用 kernel-ref 在真实的 Linux 内核上运行。',
  galleryLoad: '载入并运行',
  galleryClose: '关闭',
  galleryHandoverTitle: '无缝切换',
  galleryHandoverText:
    '一部手机同时通过 Wi-Fi 和 LTE 上传数据，每条路径上各有一个子流。半秒后 Wi-Fi 接口断开。MPTCP 连接并不会中断：LTE 子流继续传输，而 Wi-Fi 上尚未确认的数据在 Wi-Fi 子流停止响应后会在 LTE 上重新发送（重新注入）。应用程序完全察觉不到这次切换。',
  galleryBackupTitle: '带备用路径的最佳网络选择',
  galleryBackupText:
    '客户端以 backup 标志建立 LTE 子流，因此 MP_JOIN 中携带 B=1，数据包调度器把所有数据都放在最佳网络 Wi-Fi 上发送，LTE 保持空闲、不产生费用。0.5 秒时 Wi-Fi 变成黑洞：链路仍然是 up 状态，但所有数据包都会丢失。Wi-Fi 子流超时后，调度器把数据转到备用子流上。',
  galleryAggregationTitle: '网络聚合（带宽聚合）',
  galleryAggregationText:
    '两条 10 Mbit/s 的路径。客户端在路径 2 上有一个 subflow 端点，所以连接一旦完全建立，内核路径管理器就用 MP_JOIN 打开第二个子流，调度器把上传数据分摊到两条路径上。可以把它的有效吞吐量与普通 TCP 场景比较。',
  galleryMiddleboxTitle: '经过中间设备时回退到 TCP',
  galleryMiddleboxText:
    '路径 1 上的一个中间设备从客户端的 SYN 中删除了 MP_CAPABLE 选项，就像某些防火墙对待它们不认识的选项那样。服务器看到的是普通的 SYN，于是按普通 TCP 应答；客户端发现 SYN/ACK 中没有 MP_CAPABLE，便回退到 TCP。传输仍然能够完成，但只用一条路径：第二个子流从未建立。',
  galleryAddAddrTitle: '地址公告 (ADD_ADDR)',
  galleryAddAddrText:
    '这里由服务器发起第二个子流。服务器为它在路径 2 上的地址配置了 signal 端点，因此在连接完全建立后用 ADD_ADDR 公告这个地址。客户端自己没有端点，但接受一个公告的地址（add_addr_accepted 1），并向它建立一个 MP_JOIN 子流。',
  galleryTcpTitle: '普通 TCP（用于比较）',
  galleryTcpText:
    '与网络聚合场景相同的两条路径和相同的上传量，但客户端打开的是普通 TCP 套接字。路径 1 上只有一个连接，完全没有 MPTCP 选项；路径 2 始终空闲。它的有效吞吐量就是各个 MPTCP 场景所要超越的基准。',
  galleryImport: '导入文件…',
  galleryExport: '导出文件',
  galleryImported: '已导入 {name}。',
  galleryLoaded: '已载入“{title}”。',
  galleryFileTooLarge: '{name} 太大，不能作为场景：{size} 字节（上限为 {limit} 字节）。',
  galleryFileUnreadable: '无法读取 {name}。',
};
