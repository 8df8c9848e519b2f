/**
 * The send queue's page fragments (src/core/mptcp/dfrag.ts, Linux mptcp_sendmsg /
 * mptcp_carve_data_frag / mptcp_frag_can_collapse_to), on hand-built write sequences.
 */
import { describe, expect, it } from 'vitest';
import { MPTCP_DFRAG_DATA, MPTCP_FRAG_PAGE, SendFrags } from '../../../src/core/mptcp/dfrag';

/** Copy `total` bytes in mptcp_sendmsg's pieces; `pending` says whether data waits unsent before each piece. */
function write(f: SendFrags, from: number, total: number, pending: (writeEnd: number) => boolean): number {
  let end = from;
  while (end < from + total) {
    const n = f.piece(end, pending(end), false, from + total - end);
    f.copy(end, n, pending(end), false);
    end += n;
  }
  return end;
}

describe('SendFrags: where mptcp_sendmsg cuts the send queue', () => {
  it('a sender whose data always waits gets fresh-page fragments of 32768 − 40 bytes', () => {
    expect(MPTCP_DFRAG_DATA).toBe(32728);
    const f = new SendFrags();
    const end = write(f, 0, 4 * MPTCP_DFRAG_DATA, () => true);
    expect(f.endOf(0, end)).toBe(MPTCP_DFRAG_DATA);
    expect(f.endOf(MPTCP_DFRAG_DATA, end)).toBe(2 * MPTCP_DFRAG_DATA);
    expect(f.endOf(3 * MPTCP_DFRAG_DATA + 5, end)).toBe(end);
    expect(f.overhead).toBe(4 * 40);
  });

  it('a write that starts with nothing pending carves a new fragment in the same page: a cut at the write end, and the page ends 40 B earlier', () => {
    const f = new SendFrags();
    // the first write ends inside the first page; everything was sent before the second
    let end = write(f, 0, 65536, () => true);
    expect(end).toBe(65536);
    end = write(f, end, 65536, (e) => e !== 65536);
    // the fragment holding the first write's tail ends at the write end
    expect(f.endOf(65535, end)).toBe(65536);
    // the third page held 65536 − 2·32728 = 80 B, then the header of the new fragment (aligned to 8)
    const thirdPageUsed = 40 + 80;
    expect(f.endOf(65536, end)).toBe(65536 + MPTCP_FRAG_PAGE - thirdPageUsed - 40);
  });

  it('the header is aligned to 8 bytes (mptcp_carve_data_frag)', () => {
    const f = new SendFrags();
    let end = write(f, 0, 100, () => true);
    end = write(f, end, 10, () => false);
    // page: 40 header + 100 data = 140 → next header at 144 (4 B padding), its data from 184
    expect(f.endOf(100, end)).toBe(end);
    const n = f.piece(end, true, false, Number.MAX_SAFE_INTEGER);
    expect(n).toBe(MPTCP_FRAG_PAGE - 184 - 10);
    expect(f.overhead).toBe(40 + 44);
  });

  it('frees the fragments the peer acknowledged, with their headers (__mptcp_clean_una)', () => {
    const f = new SendFrags();
    const end = write(f, 0, 3 * MPTCP_DFRAG_DATA, () => true);
    f.trim(2 * MPTCP_DFRAG_DATA);
    expect(f.overhead).toBe(40);
    expect(f.endOf(2 * MPTCP_DFRAG_DATA, end)).toBe(end);
  });
});
