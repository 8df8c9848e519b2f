// `ip mptcp` against iproute2's grammar (ip/ipmptcp.c, lib/utils.c) and its error messages, the
// kernel's netlink refusals as iproute2 prints them, and the output formats kernel-ref recorded on
// the reference machine (summary.json config.at_start / at_end and pm_events[].raw).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PmNamespace } from '../../../src/core/pm/pm-namespace';
import { IPROUTE2 } from '../../../src/core/linux/iproute2';
import { formatEndpoint, formatLimits, formatMonitorEvent, parseIp, runIpMptcp, type HostView, type IpMptcpCommand } from '../../../src/core/linux/ip-mptcp';
import { KERNEL_REF } from '../../helpers/paths';

const CLIENT: HostView = { ifaces: ['lo', 'cli-p1', 'cli-p2'], addrs: ['10.0.1.1', '10.0.2.1'] };
const NETNS = ['client', 'server'];

/** Parse a command line the way the shell splits it (no quoting needed here). */
function parse(line: string, profile = IPROUTE2['6.18']): ReturnType<typeof parseIp> {
  return parseIp(line.split(' '), CLIENT, profile, NETNS);
}

function cmd(line: string): IpMptcpCommand {
  const r = parse(line);
  if (!r.ok) throw new Error(r.out.stderr);
  return r.inv.cmd;
}

/** What the real `ip` prints to stderr for a line it refuses, and its exit status. */
function refusal(line: string, profile = IPROUTE2['6.18']): { stderr: string; status: number; arg: string | null } {
  const r = parse(line, profile);
  if (r.ok) throw new Error(`accepted: ${line}`);
  return { stderr: r.out.stderr, status: r.out.status, arg: r.arg === null ? null : line.split(' ')[r.arg] };
}

/** Run a line against a namespace, as `ip` would print it. */
function run(ns: PmNamespace, line: string, json = false): { stdout: string; stderr: string; status: number } {
  const r = parse(line);
  if (!r.ok) return r.out;
  return runIpMptcp(r.inv.cmd, ns, CLIENT, { json: json || r.inv.json }).out;
}

describe('ip mptcp grammar (ipmptcp.c do_mptcp)', () => {
  it('matches objects and subcommands by prefix, as matches() does', () => {
    expect(cmd('ip mptcp endpoint show')).toEqual({ kind: 'endpoint-show', id: null, addr: null, dump: true });
    expect(cmd('ip mp e s')).toEqual({ kind: 'endpoint-show', id: null, addr: null, dump: true });
    expect(cmd('ip mptcp endpoint')).toEqual({ kind: 'endpoint-show', id: null, addr: null, dump: true });
    expect(cmd('ip mptcp e del id 3').kind).toBe('endpoint-delete');
    expect(cmd('ip mptcp e d id 3').kind).toBe('endpoint-delete');
    expect(cmd('ip mptcp e c id 3 backup').kind).toBe('endpoint-change');
    expect(cmd('ip mptcp e f').kind).toBe('endpoint-flush');
    expect(cmd('ip mptcp l')).toEqual({ kind: 'limits-show' });
    expect(cmd('ip mptcp limits show')).toEqual({ kind: 'limits-show' });
    expect(cmd('ip mptcp m')).toEqual({ kind: 'monitor' });
    expect(cmd('ip mptcp h')).toEqual({ kind: 'help' });
    expect(cmd('ip mptcp')).toEqual({ kind: 'help' });
  });

  it('falls through from an unknown limits subcommand to the monitor test, like the C code', () => {
    expect(cmd('ip mptcp limits mon')).toEqual({ kind: 'monitor' });
  });

  it('reads add in any order, flags exactly, keywords by prefix, numbers with strtoul base 0', () => {
    expect(cmd('ip mptcp endpoint add 10.0.2.1 dev cli-p2 id 1 subflow')).toEqual({
      kind: 'endpoint-add', addr: { family: 'inet', text: '10.0.2.1' }, id: 1, dev: 'cli-p2', port: 0, flags: 2,
    });
    expect(cmd('ip mptcp endpoint add signal backup i 0x10 10.0.2.1')).toMatchObject({ id: 16, flags: 1 | 4 });
    expect(cmd('ip mptcp endpoint add 10.0.2.1 id 010 signal p 0x1f90')).toMatchObject({ id: 8, port: 8080 });
    expect(cmd('ip mptcp endpoint add 10.0.2.1 subflow laminar fullmesh')).toMatchObject({ flags: 2 | 32 | 8 });
    expect(cmd('ip mptcp endpoint add 10.2 subflow')).toMatchObject({ addr: { family: 'inet', text: '10.2.0.0' } });
    expect(cmd('ip mptcp endpoint add 2001:DB8:0:0::1 subflow')).toMatchObject({ addr: { family: 'inet6', text: '2001:db8::1' } });
    expect(cmd('ip mptcp limits set subflow 3 add 1')).toEqual({ kind: 'limits-set', subflows: 3, addAddrAccepted: 1 });
  });

  it('takes ip options: -n NAME, -j, -ts, and refuses unknown ones as ip does', () => {
    const r = parse('ip -n server -j mptcp endpoint show');
    expect(r.ok && r.inv).toMatchObject({ netns: 'server', json: true });
    const t = parse('ip -ts mptcp monitor');
    expect(t.ok && t.inv.timestamp).toBe(2);
    expect(refusal('ip -x mptcp endpoint show')).toEqual({ stderr: 'Option "-x" is unknown, try "ip -help".\n', status: 255, arg: '-x' });
    expect(refusal('ip -n nowhere mptcp endpoint show').stderr).toBe('Cannot open network namespace "nowhere": No such file or directory\n');
    expect(refusal('ip frob').stderr).toBe('Object "frob" is unknown, try "ip help".\n');
  });

  it('says which object it will not emulate (ip link, ip route…)', () => {
    const r = parse('ip link show');
    expect(!r.ok && r.otherObject).toBe('link');
    const m = parse('ip m');
    expect(!m.ok && m.otherObject).toBe('maddress'); // ip.c tests maddress before mptcp
  });
});

describe('iproute2 error messages', () => {
  it('unknown commands', () => {
    expect(refusal('ip mptcp foo')).toEqual({ stderr: 'Command "foo" is unknown, try "ip mptcp help".\n', status: 255, arg: 'foo' });
    expect(refusal('ip mptcp endpoint frob').stderr).toBe('Command "frob" is unknown, try "ip mptcp help".\n');
    expect(refusal('ip mptcp monitor now').stderr).toBe('Command "now" is unknown, try "ip mptcp help".\n');
  });

  it('a word that is no address: get_addr() exits with its own message (status 1)', () => {
    expect(refusal('ip mptcp endpoint add foo')).toEqual({ stderr: 'Error: any valid address is expected rather than "foo".\n', status: 1, arg: 'foo' });
    expect(refusal('ip mptcp endpoint add 10.0.0.256').stderr).toBe('Error: any valid address is expected rather than "10.0.0.256".\n');
  });

  it('missing and wrong arguments (invarg/missarg, messages ending in \\n print a blank line)', () => {
    expect(refusal('ip mptcp endpoint add')).toEqual({ stderr: 'Error: argument "ADDRESS" is required\n', status: 255, arg: null });
    expect(refusal('ip mptcp endpoint delete').stderr).toBe('Error: argument "ID" is required\n');
    expect(refusal('ip mptcp endpoint delete id 0')).toEqual({ stderr: 'Error: argument "ID" is wrong: address is needed for deleting id 0 address\n\n', status: 255, arg: '0' });
    expect(refusal('ip mptcp endpoint delete id 2 10.0.2.1')).toEqual({ stderr: 'Error: argument "ADDRESS" is wrong: invalid for non-zero id address\n\n', status: 255, arg: '10.0.2.1' });
    expect(refusal('ip mptcp endpoint add 10.0.2.1 id 0').stderr).toBe('Error: argument "ID" is wrong: cannot be 0\n\n');
    expect(refusal('ip mptcp endpoint show id 0').stderr).toBe('Error: argument "ID" is wrong: cannot be 0\n\n');
    expect(refusal('ip mptcp endpoint add 10.0.2.1 id 256')).toEqual({ stderr: 'Error: argument "256" is wrong: invalid ID\n\n', status: 255, arg: '256' });
    expect(refusal('ip mptcp endpoint add 10.0.2.1 id -1').stderr).toBe('Error: argument "-1" is wrong: invalid ID\n\n');
    expect(refusal('ip mptcp endpoint add 10.0.2.1 port 70000 signal').stderr).toBe('Error: argument "70000" is wrong: expected port\n');
    expect(refusal('ip mptcp endpoint add 10.0.2.1 dev eth0').stderr).toBe('Error: argument "eth0" is wrong: device does not exist\n\n');
    expect(refusal('ip mptcp endpoint add 10.0.2.1 dev averyveryverylongname').stderr).toBe('Error: argument "averyveryverylongname" is wrong: invalid interface name\n\n');
    expect(refusal('ip mptcp endpoint add 10.0.2.1 id')).toEqual({ stderr: 'Command line is not complete. Try option "help"\n', status: 255, arg: 'id' });
  });

  it('flag rules iproute2 checks itself', () => {
    expect(refusal('ip mptcp endpoint add 10.0.2.1 signal fullmesh')).toEqual({ stderr: 'Error: argument "fullmesh" is wrong: flags mustn\'t have both signal and fullmesh\n', status: 255, arg: 'fullmesh' });
    expect(refusal('ip mptcp endpoint add 10.0.2.1 port 4000 subflow')).toEqual({ stderr: 'Error: argument "port" is wrong: flags must have signal when using port\n', status: 255, arg: '4000' });
    expect(refusal('ip mptcp endpoint change id 1 signal')).toEqual({ stderr: 'Error: argument "signal" is wrong: invalid flags, backup and fullmesh only\n', status: 255, arg: 'signal' });
    expect(refusal('ip mptcp endpoint change id 1 port 4000 backup').stderr).toBe('Error: argument "port" is wrong: port can\'t be used with id\n');
    expect(refusal('ip mptcp limits set subflows x').stderr).toBe('Error: argument "x" is wrong: invalid subflows\n\n');
    expect(refusal('ip mptcp limits set foo 1')).toEqual({ stderr: 'Error: argument "foo" is wrong: unknown limit\n', status: 255, arg: 'foo' });
  });

  it('laminar and implicit are flags only for an iproute2 that knows them', () => {
    expect(refusal('ip mptcp endpoint add 10.0.2.1 laminar', IPROUTE2['6.1']).stderr).toBe('Error: any valid address is expected rather than "laminar".\n');
    expect(cmd('ip mptcp endpoint add 10.0.2.1 implicit')).toMatchObject({ flags: 16 });
  });
});

describe('ip mptcp against the kernel (pm_kernel.c) as iproute2 prints the answer', () => {
  it('adds, shows in id order with the trailing blank, and deletes', () => {
    const ns = new PmNamespace();
    expect(run(ns, 'ip mptcp endpoint add 10.0.2.1 dev cli-p2 id 5 subflow backup')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(run(ns, 'ip mptcp endpoint add 10.0.1.1 signal')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(run(ns, 'ip mptcp endpoint show').stdout).toBe('10.0.2.1 id 5 subflow backup dev cli-p2 \n10.0.1.1 id 6 signal \n');
    expect(run(ns, 'ip mptcp endpoint show id 6').stdout).toBe('10.0.1.1 id 6 signal \n');
    expect(run(ns, 'ip -j mptcp endpoint show').stdout).toBe('[{"address":"10.0.2.1","id":5,"subflow":true,"backup":true,"dev":"cli-p2"},{"address":"10.0.1.1","id":6,"signal":true}]\n');
    expect(run(ns, 'ip mptcp endpoint delete id 5').status).toBe(0);
    expect(run(ns, 'ip mptcp endpoint show').stdout).toBe('10.0.1.1 id 6 signal \n');
  });

  it('prints the kernel extack with "Error: " and a full stop, exit status 2', () => {
    const ns = new PmNamespace();
    run(ns, 'ip mptcp endpoint add 10.0.2.1 id 1 subflow');
    expect(run(ns, 'ip mptcp endpoint add 10.0.2.1 subflow')).toEqual({ stdout: '', stderr: 'Error: too many addresses or duplicate one: -17.\n', status: 2 });
    expect(run(ns, 'ip mptcp endpoint add 10.0.3.1 id 1 subflow').stderr).toBe('Error: too many addresses or duplicate one: -16.\n');
    expect(run(ns, 'ip mptcp endpoint delete id 9').stderr).toBe('Error: address not found.\n');
    expect(run(ns, 'ip mptcp endpoint show id 9').stderr).toBe('Error: address not found.\n');
    expect(run(ns, 'ip mptcp endpoint change id 9 backup').stderr).toBe('Error: address not found.\n');
    expect(run(ns, 'ip mptcp endpoint change backup').stderr).toBe('Error: missing address ID.\n');
    expect(run(ns, 'ip mptcp endpoint add 10.0.1.1 port 4000 signal subflow').stderr).toBe('Error: flags must have signal and not subflow when using port.\n');
    expect(run(ns, 'ip mptcp endpoint add 10.0.9.9 port 4000 signal').stderr).toBe('Error: create listen socket error: -99.\n');
    expect(run(ns, 'ip mptcp endpoint add 10.0.4.1 implicit').stderr).toBe("Error: can't create IMPLICIT endpoint.\n");
    expect(run(ns, 'ip mptcp limits set subflows 9')).toEqual({ stdout: '', stderr: 'Error: limit greater than maximum (8).\n', status: 2 });
    for (let k = 5; k <= 11; k++) run(ns, `ip mptcp endpoint add 10.0.${k}.1 signal`);
    expect(run(ns, 'ip mptcp endpoint add 10.0.12.1 signal').stderr).toBe('Error: too many addresses or duplicate one: -34.\n');
  });

  it('change sets backup and fullmesh to what the command says (both, as the kernel does)', () => {
    const ns = new PmNamespace();
    run(ns, 'ip mptcp endpoint add 10.0.2.1 subflow fullmesh');
    run(ns, 'ip mptcp endpoint change id 1 backup');
    expect(run(ns, 'ip mptcp endpoint show').stdout).toBe('10.0.2.1 id 1 subflow backup \n');
    run(ns, 'ip mptcp endpoint change 10.0.2.1 nobackup');
    expect(run(ns, 'ip mptcp endpoint show').stdout).toBe('10.0.2.1 id 1 subflow \n');
  });

  it('limits: show, set one, and -j still prints text (iproute2 opens no JSON writer there)', () => {
    const ns = new PmNamespace();
    expect(run(ns, 'ip mptcp limits show').stdout).toBe('add_addr_accepted 0 subflows 2 \n');
    run(ns, 'ip mptcp limits set add_addr_accepted 1');
    expect(run(ns, 'ip mptcp limits').stdout).toBe('add_addr_accepted 1 subflows 2 \n');
    expect(run(ns, 'ip -j mptcp limits').stdout).toBe('add_addr_accepted 1 subflows 2 \n');
  });

  it('help prints the usage to stderr with exit status 255', () => {
    const out = run(new PmNamespace(), 'ip mptcp help');
    expect(out.status).toBe(255);
    expect(out.stderr.split('\n')[0]).toBe('Usage:\tip mptcp endpoint add ADDRESS [ dev NAME ] [ id ID ]');
    expect(out.stderr).toContain('FLAG  := [ signal | subflow | laminar | backup | fullmesh ]\n');
  });
});

// ---------------------------------------------------------------- against kernel-ref's recordings

const RESULTS = join(KERNEL_REF, 'results');
const runs = readdirSync(RESULTS).filter((d) => !d.startsWith('.')).sort();

interface KrefSummary {
  config: Record<'at_start' | 'at_end', Record<'client' | 'server', { mptcp: { endpoints: string[]; limits: string } }>>;
  pm_events: Record<'client' | 'server', ({ raw: string; type: string } & Record<string, unknown>)[]>;
  scenario: { client: { endpoints: { addr: string; dev: string; id: number; port: number | null; flags: string[] }[] }; server: { endpoints: { addr: string; dev: string; id: number; port: number | null; flags: string[] }[] } };
}

const summary = (name: string): KrefSummary => JSON.parse(readFileSync(join(RESULTS, name, 'summary.json'), 'utf8')) as KrefSummary;

describe('output formats against kernel-ref (iproute2 6.1 on the reference machine)', () => {
  for (const name of runs) {
    it(`${name}: endpoint show and limits show at start are what the real tools printed`, () => {
      const s = summary(name);
      for (const side of ['client', 'server'] as const) {
        const ns = new PmNamespace();
        const lim = s.config.at_start[side].mptcp.limits.match(/add_addr_accepted (\d+) subflows (\d+)/);
        ns.setLimits({ addAddrAccepted: Number(lim?.[1]), subflows: Number(lim?.[2]) });
        for (const ep of s.scenario[side].endpoints) ns.add({ addr: ep.addr, id: ep.id, dev: ep.dev, port: ep.port, flags: ep.flags as never });
        const shown = ns.endpoints.map((e) => formatEndpoint(e, IPROUTE2['6.1']).trimEnd());
        expect(shown).toEqual(s.config.at_start[side].mptcp.endpoints);
        expect(formatLimits(ns.limits).trimEnd()).toBe(s.config.at_start[side].mptcp.limits);
      }
    });

    it(`${name}: every ip mptcp monitor line is the one iproute2 printed`, () => {
      const s = summary(name);
      for (const side of ['client', 'server'] as const) {
        for (const ev of s.pm_events[side]) {
          const attrs: Record<string, string> = {};
          for (const [k, v] of Object.entries(ev)) if (k !== 't' && k !== 'raw' && k !== 'type') attrs[k] = String(v);
          expect(formatMonitorEvent({ type: ev.type, attrs }, IPROUTE2['6.1'])).toBe(ev.raw);
        }
      }
    });
  }

  it('an implicit endpoint prints as rawflags 10 on 6.1 and as implicit on 6.18 (d_signal at_end)', () => {
    const ns = new PmNamespace();
    ns.localIdFor('10.0.2.1');
    expect(formatEndpoint(ns.endpoints[0], IPROUTE2['6.1']).trimEnd()).toBe(summary('d_signal').config.at_end.client.mptcp.endpoints[0]);
    expect(formatEndpoint(ns.endpoints[0], IPROUTE2['6.18'])).toBe('10.0.2.1 id 1 implicit \n');
  });

  it('6.18 pads event names to 16 columns and names the listener events', () => {
    expect(formatMonitorEvent({ type: 'CREATED', attrs: { token: 'f6c47d4f' } })).toBe('[         CREATED] token=f6c47d4f');
    expect(formatMonitorEvent({ type: 'LISTENER_CREATED', attrs: { saddr4: '0.0.0.0', sport: '5201' } })).toBe('[LISTENER_CREATED] saddr4=0.0.0.0 sport=5201');
    expect(formatMonitorEvent({ type: 'LISTENER_CLOSED', attrs: {} }, IPROUTE2['6.1'])).toBe('[UNKNOWN 16]');
  });
});

describe('ip -t / -ts timestamps on the simulated clock (the Unix epoch at t = 0)', () => {
  it('prints print_timestamp()\'s two formats', async () => {
    const { monitorTimestamp } = await import('../../../src/core/linux/ip-mptcp');
    expect(monitorTimestamp(41_313_000, 2)).toBe('[1970-01-01T00:00:00.041313] ');
    expect(monitorTimestamp(61_041_313_000, 1)).toBe('Timestamp: Thu Jan  1 00:01:01 1970 41313 usec\n');
    expect(monitorTimestamp(86_400e9 * 366 + 5e9, 2)).toBe('[1971-01-02T00:00:05.000000] ');
  });
});
