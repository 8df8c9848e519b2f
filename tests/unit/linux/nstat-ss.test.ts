// nstat's counter table (iproute2 misc/nstat.c) and ss's MPTCP lines (misc/ss.c), against the
// formats kernel-ref recorded (summary.json kernel_counters and ss_snapshots[].raw_mptcp).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IPROUTE2 } from '../../../src/core/linux/iproute2';
import { MPTCP_MIB_NAMES } from '../../../src/core/linux/mib';
import { fnmatch, kernelTable, runNstat } from '../../../src/core/linux/nstat';
import { fmtG, formatSs, mptcpInfoLine, tcpInfoLine, type MptcpInfoAt } from '../../../src/core/linux/ss';
import { KERNEL_REF } from '../../helpers/paths';

const summary = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(KERNEL_REF, 'results', name, 'summary.json'), 'utf8')) as Record<string, unknown>;

describe('nstat', () => {
  const groups = { Tcp: { ActiveOpens: 2, CurrEstab: 1 }, TcpExt: { TCPPureAcks: 5 }, MPTcpExt: { MPCapableSYNTX: 1, MPJoinSynTx: 1 } };

  it('knows the 76 MPTcpExt counters of 6.18 in /proc order (kernel-ref MPTcpExt_all)', () => {
    const s = summary('a_aggregation') as { kernel_counters: { client: { MPTcpExt_all: Record<string, number> } } };
    expect(MPTCP_MIB_NAMES).toEqual(Object.keys(s.kernel_counters.client.MPTcpExt_all));
  });

  it('lists snmp groups first, then netstat, drops nstat\'s useless numbers', () => {
    const ids = kernelTable(groups).map(([id]) => id);
    expect(ids[0]).toBe('TcpActiveOpens');
    expect(ids).not.toContain('TcpCurrEstab');
    expect(ids.indexOf('TcpExtTCPPureAcks')).toBeLessThan(ids.indexOf('MPTcpExtMPCapableSYNRX'));
    expect(ids.filter((i) => i.startsWith('MPTcpExt'))).toHaveLength(76);
  });

  it('prints "#kernel" then %-32s%-16llu%6.1f, zeros only with -z, filtered by fnmatch patterns', () => {
    const r = runNstat(['nstat', '-a', 'MPTcpExt*'], groups, null);
    expect(r.out.stdout).toBe('#kernel\nMPTcpExtMPCapableSYNTX          1                  0.0\nMPTcpExtMPJoinSynTx             1                  0.0\n');
    const z = runNstat(['nstat', '-az', 'MPTcpExtMPCapable*'], groups, null).out.stdout.split('\n');
    expect(z[1]).toBe('MPTcpExtMPCapableSYNRX          0                  0.0');
    expect(z.filter((l) => l.startsWith('MPTcpExt'))).toHaveLength(10); // MPCapable…, MPCapableDataFallback included
    expect(runNstat(['nstat', '-aj', 'MPTcpExt*'], groups, null).out.stdout).toBe('{"kernel":{"MPTcpExtMPCapableSYNTX":1,"MPTcpExtMPJoinSynTx":1}}\n');
  });

  it('keeps a history: the second run shows increments, -s leaves it, -r resets it', () => {
    const first = runNstat(['nstat', 'MPTcpExt*'], groups, null);
    expect(first.out.stdout).toContain('MPTcpExtMPJoinSynTx');
    const more = { ...groups, MPTcpExt: { MPCapableSYNTX: 1, MPJoinSynTx: 3 } };
    const second = runNstat(['nstat', '-s', 'MPTcpExt*'], more, first.history);
    expect(second.out.stdout).toBe('#kernel\nMPTcpExtMPJoinSynTx             2                  0.0\n');
    expect(second.history).toBe(first.history);
    expect(runNstat(['nstat', '-r', 'MPTcpExt*'], more, first.history).out.stdout).toContain('MPTcpExtMPJoinSynTx             3');
  });

  it('refuses unknown options with its usage (exit 255)', () => {
    const r = runNstat(['nstat', '-k'], groups, null);
    expect(r.out.status).toBe(255);
    expect(r.out.stderr.startsWith("nstat: invalid option -- 'k'\nUsage: nstat [OPTION] [ PATTERN [ PATTERN ] ]\n")).toBe(true);
  });

  it('fnmatch: *, ?, classes', () => {
    expect(fnmatch('MPTcpExt*', 'MPTcpExtAddAddr')).toBe(true);
    expect(fnmatch('*AddAddr?x', 'MPTcpExtAddAddrTx')).toBe(true);
    expect(fnmatch('MPTcpExt[AE]*', 'MPTcpExtEchoAdd')).toBe(true);
    expect(fnmatch('MPTcpExt[!AE]*', 'MPTcpExtEchoAdd')).toBe(false);
    expect(fnmatch('Tcp*', 'MPTcpExtAddAddr')).toBe(false);
  });
});

describe('ss -M', () => {
  interface SsSnap { t: number; client: { raw_mptcp: string; mptcp: { state: string; recv_q: string; send_q: string; local: string; peer: string; info: Record<string, string>; flags: string[] }[] } ; server: SsSnap['client'] }

  it('reproduces kernel-ref\'s raw `ss -Mni` (iproute2 6.1: hex sequence numbers) from the parsed fields', () => {
    for (const name of ['a_aggregation', 'b_handover', 'c_backup', 'd_signal']) {
      const snaps = (summary(name) as { ss_snapshots: SsSnap[] }).ss_snapshots;
      for (const snap of snaps) {
        for (const side of ['client', 'server'] as const) {
          const sockets = snap[side].mptcp;
          if (sockets.length === 0) continue;
          const rows = sockets.map((s) => {
            const n = (k: string): number => Number(s.info[k] ?? 0);
            const h = (k: string): bigint => (s.info[k] ? BigInt(`0x${s.info[k]}`) : 0n);
            const info: MptcpInfoAt = {
              subflows: n('subflows'), add_addr_signal: n('add_addr_signal'), add_addr_accepted: n('add_addr_accepted'),
              subflows_max: n('subflows_max'), add_addr_signal_max: n('add_addr_signal_max'), add_addr_accepted_max: n('add_addr_accepted_max'),
              flags: (s.flags.includes('fallback') ? 1 : 0) | (s.flags.includes('remote_key') ? 2 : 0),
              token: parseInt(s.info.token ?? '0', 16), write_seq: h('write_seq'), snd_una: h('snd_una'), rcv_nxt: h('rcv_nxt'),
              local_addr_max: 0, csum_enabled: 0, retransmits: 0, bytes_retrans: 0, bytes_sent: 0, bytes_received: 0, bytes_acked: 0, subflows_total: 0, endp_laminar_max: 0,
            };
            return { netid: 'mptcp' as const, state: s.state, recvQ: Number(s.recv_q), sendQ: Number(s.send_q), local: s.local, peer: s.peer, info: mptcpInfoLine(info, IPROUTE2['6.1']) };
          });
          const text = formatSs(rows, { info: true, header: true, netid: false });
          const norm = (x: string): string[] => x.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '');
          expect(norm(text), `${name} t=${snap.t} ${side}`).toEqual(norm(snap[side].raw_mptcp));
        }
      }
    }
  });

  it('6.18 prints the sequence numbers in decimal and the newer counters', () => {
    const info: MptcpInfoAt = {
      subflows: 1, add_addr_signal: 0, add_addr_accepted: 0, subflows_max: 2, add_addr_signal_max: 0, add_addr_accepted_max: 0, flags: 2,
      token: 0xf6c47d4f, write_seq: 0x10n, snd_una: 0x8n, rcv_nxt: 0n, local_addr_max: 1, csum_enabled: 0, retransmits: 3,
      bytes_retrans: 100, bytes_sent: 2000, bytes_received: 0, bytes_acked: 1900, subflows_total: 2, endp_laminar_max: 0,
    };
    expect(mptcpInfoLine(info)).toBe('subflows:1 subflows_max:2 remote_key token:f6c47d4f write_seq:16 snd_una:8 local_addr_max:1 retransmits:3 bytes_retrans:100 bytes_sent:2000 bytes_acked:1900 subflows_total:2');
  });

  it('tcp_info fields in ss order with %g milliseconds', () => {
    expect(fmtG(115.365)).toBe('115.365');
    expect(fmtG(40.629)).toBe('40.629');
    expect(fmtG(316)).toBe('316');
    const line = tcpInfoLine(
      { local: '', remote: '', state: 1, ca_state: 0, rto_us: 316000, snd_mss: 1448, unacked: 46, lost: 0, retrans: 0, rtt_us: 115365, rttvar_us: 163, snd_ssthresh: 95, snd_cwnd: 98, total_retrans: 40, bytes_acked: 2210841, bytes_received: 0, bytes_sent: 2332656, bytes_retrans: 56960, min_rtt_us: 40629, snd_wnd: 3829760, rcv_wnd: 0 },
      'cubic',
    );
    expect(line).toBe('cubic rto:316 rtt:115.365/0.163 mss:1448 cwnd:98 ssthresh:95 bytes_sent:2332656 bytes_retrans:56960 bytes_acked:2210841 unacked:46 retrans:0/40 minrtt:40.629 snd_wnd:3829760');
  });
});
