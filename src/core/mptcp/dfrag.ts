/**
 * The MPTCP send queue's fragments (Linux struct mptcp_data_frag, protocol.c mptcp_sendmsg /
 * mptcp_carve_data_frag): mptcp_sendmsg copies the application's bytes into the socket's page
 * fragment — a 32 KiB page (SKB_FRAG_PAGE_ORDER) — and carves one fragment per page, whose
 * header (the 40-byte struct mptcp_data_frag) sits at the start of the page. Writes that continue
 * in the same page grow the same fragment, so a bulk sender's stream is cut into fragments of
 * 32768 − 40 = 32728 bytes.
 *
 * The fragment matters for the MPTCP-level retransmission: __mptcp_retrans re-sends only the head
 * fragment of the retransmit queue (the one holding snd_una), up to what of it was already sent
 * (dfrag->already_sent; the whole fragment with DSS checksums), and counts MPTCPRetrans once per
 * mptcp_sendmsg_frag call — one MSS each on kernel-ref's links (gso_max_segs 1).
 *
 * A fresh page starts at offset 0, so fragments here begin at multiples of MPTCP_DFRAG_DATA of
 * the data stream. (Linux reuses a page whose fragments were all freed, which can shift the cut
 * points by a few hundred bytes in a long transfer; the sizes are the same.)
 */

/** Page fragment size (32 KiB) less the struct mptcp_data_frag header. */
export const MPTCP_DFRAG_DATA = 32768 - 40;

/** The end (exclusive stream position) of the send-queue fragment holding position `pos`. */
export function dfragEnd(pos: number): number {
  return (Math.floor(pos / MPTCP_DFRAG_DATA) + 1) * MPTCP_DFRAG_DATA;
}
