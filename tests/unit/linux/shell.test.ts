// The console's shell on a simulated run: read-only commands answer from the trace at playback
// time t, state-changing ones are checked against the host's state at t and become the kernel-ref
// event that forks the run; Tab completes from the tools' grammars.
import { describe, expect, it } from 'vitest';
import { complete } from '../../../src/core/linux/complete';
import { hostStateAt } from '../../../src/core/linux/host-state';
import { formatEndpoint } from '../../../src/core/linux/ip-mptcp';
import { IPROUTE2 } from '../../../src/core/linux/iproute2';
import { withEvent } from '../../../src/core/linux/scenario-fork';
import { monitorLines, newSession, runConsoleLine, type ConsoleEnv, type ConsoleResult } from '../../../src/core/linux/shell';
import { validateScenario } from '../../../src/core/scenario/index';
import { krefRun } from './run-helpers';

const SEC = 1e9;

function env(name: string, t: number, host: 'client' | 'server' = 'client'): ConsoleEnv {
  const { scenario, trace } = krefRun(name);
  return { scenario, trace, t: t * SEC, host };
}

const text = (r: ConsoleResult, kind: 'out' | 'err' = 'out'): string[] => r.lines.filter((l) => l.kind === kind).map((l) => (l as { text: string }).text);
const notes = (r: ConsoleResult): string[] => r.lines.flatMap((l) => (l.kind === 'note' ? [l.note] : []));
const sh = (e: ConsoleEnv, line: string): ConsoleResult => runConsoleLine(line, e, newSession());

describe('host state at t (scenario start, control events up to t, implicit endpoints)', () => {
  it('f_prio: the endpoint becomes backup at 1.0 s, not before', () => {
    const e = env('f_prio_blackhole_download', 0);
    const at = (t: number): string => hostStateAt(e.scenario, e.trace.pmEvents.client, 'client', t * SEC).ns.endpoints.map((x) => formatEndpoint(x)).join('');
    expect(at(0.99)).toBe('10.0.2.1 id 1 subflow dev cli-p2 \n');
    expect(at(1.0)).toBe('10.0.2.1 id 1 subflow backup dev cli-p2 \n');
  });

  it('d_signal: the join from an address without endpoint leaves an implicit one, as in kernel-ref at_end', () => {
    const e = env('d_signal', 0);
    const end = hostStateAt(e.scenario, e.trace.pmEvents.client, 'client', e.trace.end).ns.endpoints;
    expect(end.map((x) => formatEndpoint(x, IPROUTE2['6.1']).trimEnd())).toEqual(['10.0.2.1 id 1 rawflags 10']);
    expect(hostStateAt(e.scenario, e.trace.pmEvents.client, 'client', 0).ns.endpoints).toEqual([]);
  });
});

describe('read-only commands answer from the trace at t', () => {
  it('ip mptcp endpoint show / limits on either host, -n and ip netns exec included', () => {
    const e = env('a_aggregation', 0.5);
    expect(text(sh(e, 'ip mptcp endpoint show'))).toEqual(['10.0.2.1 id 1 subflow dev cli-p2 ']);
    expect(text(sh(e, 'ip mptcp limits show'))).toEqual(['add_addr_accepted 0 subflows 2 ']);
    expect(text(sh(e, 'ip -n server mptcp endpoint show'))).toEqual([]);
    expect(text(sh(e, 'ip netns exec server ip mptcp limits'))).toEqual(['add_addr_accepted 0 subflows 2 ']);
    expect(text(sh({ ...e, host: 'server' }, 'sudo ip mptcp endpoint'))).toEqual([]);
  });

  it('ip mptcp monitor prints the events up to t and follows playback from there', () => {
    const e = env('a_aggregation', 0.1);
    const r = sh(e, 'ip mptcp monitor');
    expect(notes(r)).toEqual(['monitorHistory']);
    expect(text(r).map((l) => l.slice(0, 18))).toEqual(['[         CREATED]', '[     ESTABLISHED]']);
    expect(r.follow).toEqual({ side: 'client', timestamp: 0 });
    expect(monitorLines(e.trace, 'client', 0.1 * SEC, 0.3 * SEC, 0)[0]).toMatch(/^\[ {2}SF_ESTABLISHED\] token=[0-9a-f]{8} remid=0 locid=1 saddr4=10\.0\.2\.1 daddr4=10\.0\.1\.2 sport=\d+ dport=5201 backup=0 ifindex=3$/);
  });

  it('ss -M shows the MPTCP socket with its MPTCP_INFO; SYN-SENT at connect(), none on the server before accept', () => {
    const e = env('a_aggregation', 0.3);
    const lines = text(sh(e, 'ss -Mi'));
    // the app has written everything and closed by now: the MPTCP socket is in FIN-WAIT-1
    expect(lines[0]).toBe(`State${' '.repeat(6)}Recv-Q Send-Q Local Address:Port${' '.repeat(2)}Peer Address:PortProcess`);
    expect(lines[1]).toMatch(/^FIN-WAIT-1 0 {6}0 {11}10\.0\.1\.1:\d+ {5}10\.0\.1\.2:5201$/);
    expect(lines[2]).toMatch(/^\t subflows:1 subflows_max:2 remote_key token:[0-9a-f]+ write_seq:\d+ snd_una:\d+ rcv_nxt:\d+ local_addr_max:1 .*subflows_total:2$/);
    expect(text(sh({ ...e, t: 0 }, 'ss -M'))[1]).toMatch(/^SYN-SENT 0 {6}0 {11}10\.0\.1\.1:\d+ {5}10\.0\.1\.2:5201$/);
    expect(text(sh({ ...e, t: 0 }, 'ss -M -H'))).toHaveLength(1);
    expect(text(sh({ ...e, host: 'server', t: 0 }, 'ss -M'))).toEqual(['State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess']);
  });

  it('ss -t lists both subflows, -tM adds the Netid column', () => {
    const e = env('a_aggregation', 0.3);
    expect(text(sh(e, 'ss -t')).filter((l) => l.startsWith('ESTAB'))).toHaveLength(2);
    expect(text(sh(e, 'ss -tM'))[0].startsWith('Netid State')).toBe(true);
  });

  it('nstat shows the counters as of the last snapshot before t, says so, pipes into grep/head/wc', () => {
    const e = env('a_aggregation', 0.55);
    const r = sh(e, "nstat -az 'MPTcpExt*' | grep -E 'MPCapableSYN(TX|ACKRX) '");
    expect(text(r)).toEqual(['MPTcpExtMPCapableSYNTX          1                  0.0', 'MPTcpExtMPCapableSYNACKRX       1                  0.0']);
    expect(notes(r)).toEqual(['countersAtEnd']);
    // the join SYN goes out one RTT after connect(): not counted yet at 0.05 s, counted at 0.55 s
    expect(text(sh({ ...e, t: 0.05e9 }, "nstat -az 'MPTcpExtMPJoinSynTx'"))).toEqual(['#kernel', 'MPTcpExtMPJoinSynTx             0                  0.0']);
    expect(text(sh(e, "nstat -az 'MPTcpExtMPJoinSynTx'"))).toEqual(['#kernel', 'MPTcpExtMPJoinSynTx             1                  0.0']);
    expect(notes(sh({ ...e, t: 0.5e9 }, 'nstat -a'))).toEqual([]);
    expect(notes(sh({ ...e, t: e.trace.end }, 'nstat -a'))).toEqual([]);
    expect(text(sh(e, 'nstat -az MPTcpExt* | wc -l'))).toEqual(['77']);
    expect(text(sh(e, 'sysctl -a | head -n 2'))).toEqual(['net.mptcp.add_addr_timeout = 120', 'net.mptcp.allow_join_initial_addr_port = 1']);
  });

  it('the shell: unknown command, bad quoting, history, help, clear', () => {
    const e = env('a_aggregation', 0.5);
    expect(sh(e, 'ifconfig')).toMatchObject({ status: 127, lines: [{ kind: 'err', text: 'bash: ifconfig: command not found' }] });
    expect(text(sh(e, "ip mptcp 'endpoint"), 'err')).toEqual(["bash: unexpected EOF while looking for matching `''"]);
    const session = newSession();
    session.history.push('ss -M', 'nstat');
    expect(text(runConsoleLine('history', e, session))).toEqual(['    1  ss -M', '    2  nstat']);
    expect(notes(sh(e, 'help'))).toEqual(['help']);
    expect(sh(e, 'clear').clear).toBe(true);
    expect(notes(sh(e, 'ip route'))).toEqual(['otherIpObject']);
  });

  it('points at the word a tool refused', () => {
    const line = 'ip mptcp endpoint add 10.0.3.1 dev wlan0';
    const r = sh(env('a_aggregation', 0.5), line);
    expect(r.errorSpan && line.slice(r.errorSpan.start, r.errorSpan.end)).toBe('wlan0');
  });
});

describe('state-changing commands fork the run at t', () => {
  it('endpoint add/change/delete/flush and limits set become kernel-ref events at t', () => {
    const e = env('a_aggregation', 0.25);
    const ev = (line: string): unknown => sh(e, line).events.map((x) => x.event);
    expect(ev('ip mptcp endpoint add 10.0.1.1 dev cli-p1 id 4 signal')).toEqual([{ at: 0.25, ns: 'client', action: 'endpoint_add', addr: '10.0.1.1', dev: 'cli-p1', id: 4, flags: ['signal'] }]);
    expect(ev('ip mptcp endpoint change id 1 backup')).toEqual([{ at: 0.25, ns: 'client', action: 'endpoint_change', id: 1, flags: ['backup', 'nofullmesh'] }]);
    expect(ev('ip mptcp endpoint delete id 1')).toEqual([{ at: 0.25, ns: 'client', action: 'endpoint_del', id: 1 }]);
    expect(ev('ip mptcp endpoint flush')).toEqual([{ at: 0.25, ns: 'client', action: 'endpoint_flush' }]);
    expect(ev('ip -n server mptcp limits set add_addr_accepted 2')).toEqual([{ at: 0.25, ns: 'server', action: 'limits', add_addr_accepted: 2 }]);
    expect(ev('sysctl -w net.mptcp.stale_loss_cnt=2')).toEqual([{ at: 0.25, action: 'sysctl', ns: 'client', key: 'net.mptcp.stale_loss_cnt', value: 2 }]);
    expect(ev('ip mptcp endpoint delete id 0 10.0.1.1')).toEqual([{ at: 0.25, ns: 'client', action: 'endpoint_del', addr: '10.0.1.1' }]);
  });

  it('every event it makes is one the scenario validator accepts', () => {
    const e = env('a_aggregation', 0.25);
    for (const line of ['ip mptcp endpoint add 10.0.1.1 port 4000 signal', 'ip mptcp endpoint change 10.0.2.1 fullmesh', 'sysctl -w net.mptcp.path_manager=userspace', 'ip mptcp limits set subflows 0 add_addr_accepted 8']) {
      const r = sh(e, line);
      expect(r.events, line).toHaveLength(1);
      const v = validateScenario(withEvent(e.scenario, r.events[0].event));
      expect(v.ok, `${line}: ${JSON.stringify(!v.ok && v.errors)}`).toBe(true);
    }
  });

  it('refused commands change nothing and fork nothing', () => {
    const e = env('a_aggregation', 0.25);
    for (const line of ['ip mptcp endpoint add 10.0.2.1 subflow', 'ip mptcp endpoint delete id 7', 'ip mptcp limits set subflows 9', 'sysctl -w net.mptcp.enabled=5', 'ip mptcp endpoint add 10.0.3.1 signal fullmesh']) {
      const r = sh(e, line);
      expect(r.events, line).toEqual([]);
      expect(r.status, line).not.toBe(0);
    }
    expect(sh(e, 'ip mptcp limits set').events).toEqual([]);
  });

  it('what kernel-ref-scenario/1 cannot say is not forked, with a note (laminar, IPv6, delete id 0 of an endpoint address)', () => {
    const e = env('a_aggregation', 0.25);
    for (const line of ['ip mptcp endpoint add 10.0.1.1 laminar', 'ip mptcp endpoint add 2001:db8::1 subflow', 'ip mptcp endpoint delete id 0 10.0.2.1']) {
      const r = sh(e, line);
      expect(r.events, line).toEqual([]);
      expect(notes(r), line).toEqual(['notExpressible']);
    }
  });
});

describe('Tab completion', () => {
  const e = env('a_aggregation', 0.5);
  const c = (line: string): string[] => complete(line, line.length, e).candidates;

  it('commands, ip objects and subcommands', () => {
    expect(c('')).toContain('ip');
    expect(c('ns')).toEqual(['nstat']);
    expect(c('ip ')).toEqual(['mptcp', 'netns']);
    expect(c('ip mptcp ')).toEqual(['endpoint', 'limits', 'monitor', 'help']);
    expect(c('ip mptcp endpoint ')).toEqual(['add', 'change', 'delete', 'show', 'flush']);
    expect(c('ip mptcp limits set ')).toEqual(['subflows', 'add_addr_accepted']);
    expect(c('ip mptcp limits set subflows 2 ')).toEqual(['add_addr_accepted']);
    expect(c('ip -n ')).toEqual(['client', 'server']);
  });

  it('arguments from the host at t: free addresses, interfaces, endpoint ids, flags not yet given', () => {
    expect(c('ip mptcp endpoint add ')).toEqual(['10.0.1.1']);
    expect(c('ip mptcp endpoint add 10.0.1.1 dev ')).toEqual(['cli-p1', 'cli-p2']);
    expect(c('ip mptcp endpoint add 10.0.1.1 s')).toEqual(['signal', 'subflow']);
    expect(c('ip mptcp endpoint add 10.0.1.1 signal ')).not.toContain('signal');
    expect(c('ip mptcp endpoint delete id ')).toEqual(['1', '0']);
    expect(c('ip mptcp endpoint change id 1 ')).toEqual(['10.0.2.1', 'backup', 'nobackup', 'fullmesh', 'nofullmesh']);
    expect(c('ip -n server mptcp endpoint add ')).toEqual(['10.0.1.2', '10.0.2.2']);
  });

  it('sysctl keys and values, nstat counters, ss options', () => {
    expect(c('sysctl net.mptcp.sch')).toEqual(['net.mptcp.scheduler']);
    expect(c('sysctl -w net.mptcp.ena')).toEqual(['net.mptcp.enabled=']);
    expect(c('sysctl -w net.mptcp.path_manager=')).toEqual(['net.mptcp.path_manager=kernel', 'net.mptcp.path_manager=userspace']);
    expect(c('nstat MPTcpExtAddAddrT')).toEqual(['MPTcpExtAddAddrTx', 'MPTcpExtAddAddrTxDrop']);
    expect(c('ss -')).toContain('-Mi');
    expect(c('sysctl -a | gr')).toEqual(['grep']);
    expect(c('sysctl -a | g')).toEqual(['getsockopt', 'grep']);
  });

  it('gives the span to replace and the common prefix', () => {
    expect(complete('ip mptcp endp', 13, e)).toEqual({ start: 9, end: 13, candidates: ['endpoint'], common: 'endpoint' });
    expect(complete('nstat MPTcpExtAddAddrT', 22, e).common).toBe('MPTcpExtAddAddrTx');
  });
});
