/**
 * The receive-buffer autotuning ("dynamic right-sizing", DRS) numbers the TCP sockets, the MPTCP
 * connection and its subflows share (net/ipv4/tcp_input.c tcp_rcv_space_adjust / tcp_rcvbuf_grow,
 * net/mptcp/protocol.c mptcp_rcv_space_adjust).
 */

/** TCP_INIT_CWND (include/net/tcp.h): the initial cwnd, and tcp_init_buffer_space's first DRS space is TCP_INIT_CWND · advmss. */
export const TCP_INIT_CWND = 10;

/**
 * tcp_rcvbuf_grow's window for one DRS period that read `copied` bytes after a period that read
 * `space`: twice what was read plus 16 segments of cushion, plus twice its growth rate applied to that
 * (rcvwin += 2 · (rcvwin · (copied − space) / space), integer division) — the sender may double its
 * rate per RTT in slow start; no growth term when the period read no more than the last (`space` > 0).
 */
export function drsWindow(copied: number, space: number, advmss: number): number {
  const rcvwin = 2 * copied + 16 * advmss;
  return copied > space ? rcvwin + 2 * Math.floor((rcvwin * (copied - space)) / space) : rcvwin;
}
