/**
 * Where a received segment's bytes sit in memory — the one piece of skb geometry the MPTcpExt
 * counter OFOMerge depends on.
 *
 * Linux's mptcp_data_queue_ofo (net/mptcp/protocol.c) first tries to append an out-of-order skb to
 * the last one queued (mptcp_ooo_try_coalesce: its data sequence must continue that skb exactly),
 * and counts OFOMerge only when __mptcp_try_coalesce → skb_try_coalesce succeeds. On kernel-ref's
 * lab (veth pairs joined by a userspace link emulator that re-sends each frame through AF_PACKET)
 * every received frame is one linear skb: packet_alloc_skb puts a frame shorter than a page wholly
 * in the skb head, a kmalloc'd buffer, so skb_head_is_locked(from) refuses to steal it as a page
 * fragment and skb_try_coalesce only succeeds by copying `from` into the tail room left after
 * `to`'s frame. A full-size frame (1514 B) leaves 198 B there, so only a short segment following
 * a full-size one merges — the kernel runs' 0–6 OFOMerge among a thousand or more OFOQueueTail.
 * (tests/fidelity/ofo-merge-replay.test.ts replays the stored kernel-ref captures through this
 * rule: it gives the kernel's OFOQueueTail and OFOMerge of a_aggregation, b_handover, c_backup and
 * d_signal exactly, and f_prio_blackhole_download's OFOMerge. Every merge there is a segment of
 * 16–144 B following a full-size one.)
 */

/** Ethernet header bytes in front of the IP packet. */
export const ETH_HLEN = 14;
/** IPv4 and TCP headers without options (the advertised MSS is the MTU less these). */
export const IP_TCP_HLEN = 40;
/** LL_RESERVED_SPACE of a veth (hard_header_len 14, rounded up to 16): headroom packet_snd reserves. */
const LL_RESERVED = 16;
/** SKB_DATA_ALIGN(sizeof(struct skb_shared_info)) on x86-64: the end of every skb head holds it. */
const SHINFO = 320;
/** SKB_SMALL_HEAD_CACHE_SIZE on x86-64: heads this small come from one fixed-size cache. */
const SMALL_HEAD = 640;
/** SMP_CACHE_BYTES: SKB_DATA_ALIGN rounds the data area up to a cache line. */
const CACHE_LINE = 64;

/**
 * Bytes left after a received frame of `frameLen` bytes (Ethernet header included) in its skb head:
 * alloc_skb → kmalloc_reserve sizes the head as SKB_DATA_ALIGN(headroom + frame) + shared info,
 * from the small-head cache or rounded up to the kmalloc bucket (kmalloc_size_roundup), and the
 * data area ends where skb_shared_info begins (SKB_WITH_OVERHEAD).
 */
export function skbTailroom(frameLen: number): number {
  const used = LL_RESERVED + frameLen;
  const obj = Math.ceil(used / CACHE_LINE) * CACHE_LINE + SHINFO;
  let size = SMALL_HEAD;
  if (obj > SMALL_HEAD) {
    size = 1024;
    while (size < obj) size *= 2;
  }
  return size - SHINFO - used;
}
