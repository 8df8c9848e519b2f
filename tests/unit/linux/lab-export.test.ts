/**
 * The Linux lab export (src/core/linux/lab-export.ts): the script names every link with its shaping
 * in both directions, every address, limit, endpoint and sysctl, every event at its time; what it
 * cannot express becomes a located warning; English and Chinese differ only in the words; the
 * script and its embedded python3 program parse (`bash -n`, `python3 -m py_compile`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportLab, shellQuote, labFileName } from '../../../src/core/linux/lab-export';
import { LAB_APP_PY } from '../../../src/core/linux/lab-app';
import { LAB_WIRE_PY } from '../../../src/core/linux/lab-wire';
import { LAB_TEXT } from '../../../src/core/linux/lab-text';
import { parseScenarioText } from '../../../src/core/scenario/json-source';
import type { Scenario } from '../../../src/core/scenario/types';
import { KERNEL_REF } from '../../helpers/paths';
import { labMain } from '../../../cli/lab';

function scenario(raw: unknown): Scenario {
  const v = parseScenarioText(JSON.stringify(raw));
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return v.scenario;
}

const kernelRef = (name: string) => scenario(JSON.parse(readFileSync(join(KERNEL_REF, 'scenarios', `${name}.json`), 'utf8')));

/** Two paths with per-direction shaping, extra addresses, tbf, sysctls, and one event of every type. */
const EVERYTHING = {
  name: 'every event',
  description: 'all the keys',
  paths: [
    { name: 'wifi', delay_ms: 20, rate_mbit: 10, queue_pkts: 100, c2s: { loss_pct: 1.5, jitter_ms: 2 }, server_extra_addrs: ['10.0.1.20'], mtu: 1400 },
    { name: 'lte', delay_ms: 40, s2c: { rate_mbit: 5, queue_pkts: 50 }, client_extra_addrs: ['10.0.2.30'], tbf: { rate_mbit: 8 } },
  ],
  client: {
    limits: { subflows: 4, add_addr_accepted: 2 },
    endpoints: [
      { path: 2, flags: ['subflow', 'backup'], id: 3 },
      { addr: '10.0.2.30', flags: ['subflow'] },
    ],
    mptcp_sysctl: { scheduler: 'default', checksum_enabled: 1 },
    sysctl: { 'net.ipv4.tcp_no_metrics_save': 1 },
  },
  server: { limits: { subflows: 2 }, endpoints: [{ addr: '10.0.1.20', flags: ['signal'], id: 7, port: 6000 }] },
  app: { direction: 'download', duration_s: 3, congestion_control: 'reno', port: 5300 },
  events: [
    { at: 0.5, action: 'link_down', path: 1, side: 'both', note: 'tunnel' },
    { at: 0.7, action: 'link_up', path: 1, side: 'client' },
    { at: 0.8, action: 'shape', path: 2, dir: 'c2s', loss_pct: 100 },
    { at: 0.9, action: 'shape_reset', path: 2 },
    { at: 1.0, action: 'endpoint_add', ns: 'client', path: 1, flags: ['subflow', 'fullmesh'] },
    { at: 1.1, action: 'endpoint_change', ns: 'client', id: 3, flags: ['nobackup'] },
    { at: 1.2, action: 'endpoint_del', ns: 'client', addr: '10.0.1.1' },
    { at: 1.3, action: 'endpoint_flush', ns: 'server' },
    { at: 1.4, action: 'limits', ns: 'server', subflows: 3, add_addr_accepted: 1 },
    { at: 1.5, action: 'sysctl', ns: 'client', key: 'net.mptcp.stale_loss_cnt', value: 2 },
    { at: 1.6, action: 'addr_add', ns: 'client', path: 1, addr: '10.0.1.50' },
    { at: 1.7, action: 'addr_del', ns: 'server', path: 1, addr: '10.0.1.20' },
    { at: 1.8, action: 'ss' },
    { at: 1.9, action: 'cmd', ns: 'client', argv: ['ip', 'route', 'show', 'table', '101'] },
    { at: 2.0, action: 'cmd', ns: 'wire', argv: ['true'] },
    { at: 2.1, action: 'endpoint_del', ns: 'server', id: 42 },
  ],
};

const commands = (script: string) => script.split('\n').filter((l) => !/^\s*#/.test(l) && !/\bsay\b/.test(l));
const tmp = mkdtempSync(join(tmpdir(), 'lab-export-'));

function bashSyntax(script: string, name: string): void {
  const f = join(tmp, name);
  writeFileSync(f, script);
  execFileSync('bash', ['-n', f]);
}

describe('exportLab: the topology', () => {
  const sc = scenario(EVERYTHING);
  const { script } = exportLab(sc, 'en');

  it('creates every path as a veth pair with its addresses, MTU, extra addresses, routes and ARP entries', () => {
    expect(script).toContain('link add cli-p1 address 02:6c:61:62:01:01 type veth peer name srv-p1 address 02:6c:61:62:01:02 netns "$NS_S"');
    expect(script).toContain('link add cli-p2 address 02:6c:61:62:02:01 type veth peer name srv-p2 address 02:6c:61:62:02:02 netns "$NS_S"');
    expect(script).toContain('ip -n "$NS_C" addr add 10.0.1.1/24 dev cli-p1');
    expect(script).toContain('ip -n "$NS_S" addr add 10.0.2.2/24 dev srv-p2');
    expect(script).toContain('ip -n "$NS_C" link set dev cli-p1 gso_max_segs 1 mtu 1400');
    expect(script).toContain('ip -n "$NS_C" link set dev cli-p2 gso_max_segs 1\n');
    expect(script).toContain('ip -n "$NS_S" addr add 10.0.1.20/24 dev srv-p1');
    expect(script).toContain('ip -n "$NS_C" addr add 10.0.2.30/24 dev cli-p2');
    expect(script).toContain('route replace 10.0.2.0/24 dev cli-p2 src 10.0.2.1 table 102');
    expect(script).toContain('add_rule 10.0.2.30 102 1002');
    expect(script).toContain('ip -n "$NS_C" neigh replace 10.0.1.20 lladdr 02:6c:61:62:01:02 dev cli-p1 nud permanent');
  });

  it('shapes both directions of every path with the scenario values (rate, delay, jitter, loss, queue, tbf)', () => {
    // shape NS DEV RATE DELAY JITTER LOSS QUEUE LIMIT BURST TBF PATH DIR REORDER
    // netem limit = queue + the delay line: 100 + ceil(10 Mbit/s × 22 ms / 1514 B) = 119; tbf burst = 4 ms at 10 Mbit/s
    expect(script).toContain("shape \"$NS_C\" cli-p1 10 20 2 1.5 100 119 5000 '' 1 c2s 0");
    expect(script).toContain("shape \"$NS_S\" srv-p1 10 20 0 0 100 117 5000 '' 1 s2c 0");
    expect(script).toContain("shape \"$NS_C\" cli-p2 - 40 0 0 1000 35026 0 'rate 8mbit burst 15140 latency 50ms' 2 c2s 0");
    expect(script).toContain("shape \"$NS_S\" srv-p2 5 40 0 0 50 67 3028 'rate 8mbit burst 15140 latency 50ms' 2 s2c 0");
    expect(script).toMatch(/Path 1 c2s: rate 10 Mbit\/s, delay 20 ms ± 2 ms, loss 1.5 %, queue 100 packets/);
    expect(script).toContain('tc qdisc add dev "$dev" $parent handle 10: netem $args');
    // without netem: the same values go to the path's link emulator (control file), one per path in the wire namespace
    expect(script).toContain('printf \'%s %s %s %s %s %s\\n\' "$rate" "$delay" "$jitter" "$loss" "$queue" "$reorder" >"$WIRE/p$k-$dir.tmp"');
    expect(script).toContain('ip -n "$NS_C" link add cli-p1 address 02:6c:61:62:01:01 type veth peer name wc-p1 netns "$NS_W"');
    expect(script).toContain('ip -n "$NS_S" link add srv-p2 address 02:6c:61:62:02:02 type veth peer name ws-p2 netns "$NS_W"');
    expect(script).toContain('ip netns exec "$NS_W" python3 "$OUT/lab-wire.py" "$WIRE" 2 wc-p2 ws-p2 1 2>>"$OUT/wire.log" &');
  });

  it('configures sysctls, limits and endpoints per host', () => {
    expect(script).toContain('ip netns exec "$NS_C" sysctl -q -w net.mptcp.scheduler=default');
    expect(script).toContain('ip netns exec "$NS_C" sysctl -q -w net.mptcp.checksum_enabled=1');
    expect(script).toContain('ip netns exec "$NS_C" sysctl -q -w net.ipv4.tcp_no_metrics_save=1');
    expect(script).toContain('ip -n "$NS_C" mptcp limits set subflows 4 add_addr_accepted 2');
    expect(script).toContain('ip -n "$NS_S" mptcp limits set subflows 2\n');
    expect(script).toContain('ip -n "$NS_C" mptcp endpoint add 10.0.2.1 dev cli-p2 id 3 subflow backup');
    expect(script).toContain('ip -n "$NS_C" mptcp endpoint add 10.0.2.30 dev cli-p2 id 1 subflow');
    expect(script).toContain('ip -n "$NS_S" mptcp endpoint add 10.0.1.20 dev srv-p1 id 7 port 6000 signal');
  });

  it('runs the transfer as the app says and captures on the chosen side', () => {
    expect(script).toContain('"direction":"download","bytes":null,"duration":3');
    expect(script).toContain('"cc":"reno"');
    expect(script).toContain('"port":5300');
    expect(script).toContain("ss -Hltn 'sport = :5300'");
    expect(script).toContain('capture "$NS_S" srv-p1 path1-srv-p1.pcapng');
    expect(script).not.toContain('capture "$NS_C"');
    expect(script).toContain('timeout 30 ip netns exec "$NS_C" python3');
  });
});

describe('exportLab: the events', () => {
  const sc = scenario(EVERYTHING);
  const { script, warnings } = exportLab(sc, 'en');
  const block = (j: number) => {
    const start = script.indexOf(`  # [${j}] `);
    const end = script.indexOf('  # [', start + 1);
    return script.slice(start, end < 0 ? script.indexOf(') &', start) : end);
  };

  it('fires every expressible event at t0 + at with its command', () => {
    expect(block(0)).toContain('at_time 500000');
    expect(block(0)).toContain('try ip -n "$NS_C" link set dev cli-p1 down');
    expect(block(0)).toContain('try ip -n "$NS_S" link set dev srv-p1 down');
    expect(block(0)).toContain('tunnel');
    expect(block(1)).toContain('try ip -n "$NS_C" link set dev cli-p1 up');
    expect(block(1)).toContain('try ip -n "$NS_C" route replace default via 10.0.1.2 dev cli-p1 table 101');
    expect(block(1)).toContain('neigh replace 10.0.1.2 lladdr');
    // a capture on the server side only: the client's link_up starts no new capture segment
    expect(block(1)).not.toContain('try capture');
    expect(block(2)).toContain("try shape \"$NS_C\" cli-p2 - 40 0 100 1000 35026 0 'rate 8mbit burst 15140 latency 50ms'");
    expect(block(3)).toContain("try shape \"$NS_C\" cli-p2 - 40 0 0 1000 35026 0");
    expect(block(3)).toContain("try shape \"$NS_S\" srv-p2 5 40 0 0 50 67 3028");
    expect(block(4)).toContain('try ip -n "$NS_C" mptcp endpoint add 10.0.1.1 dev cli-p1 subflow fullmesh');
    expect(block(5)).toContain('try ip -n "$NS_C" mptcp endpoint change id 3 nobackup');
    // an endpoint added without an id got one from the kernel: it is looked up by address when the event fires
    expect(block(6)).toContain(`mptcp endpoint delete id "$(ip -n "$NS_C" mptcp endpoint show | awk '$1 == "10.0.1.1"`);
    expect(block(7)).toContain('try ip -n "$NS_S" mptcp endpoint flush');
    expect(block(8)).toContain('try ip -n "$NS_S" mptcp limits set subflows 3 add_addr_accepted 1');
    expect(block(9)).toContain('try ip netns exec "$NS_C" sysctl -q -w net.mptcp.stale_loss_cnt=2');
    expect(block(10)).toContain('try ip -n "$NS_C" addr add 10.0.1.50/24 dev cli-p1');
    expect(block(10)).toContain('try add_rule 10.0.1.50 101 1001');
    expect(block(10)).toContain('neigh replace 10.0.1.50 lladdr 02:6c:61:62:01:01 dev srv-p1 nud permanent');
    expect(block(11)).toContain('try ip -n "$NS_S" addr del 10.0.1.20/24 dev srv-p1');
    expect(block(12)).toContain('ss_snap "event@1.8"');
    expect(block(13)).toContain('try ip netns exec "$NS_C" ip route show table 101');
  });

  it('starts a new capture segment when a captured interface comes back up (dumpcap stops on admin-down)', () => {
    const sc = scenario({ paths: [{}], app: { bytes: 1 }, capture: { side: 'both' }, events: [{ at: 1, action: 'link_up', path: 1, side: 'both' }] });
    const s = exportLab(sc, 'en').script;
    expect(s).toContain('try capture "$NS_C" cli-p1 path1-cli-p1.up0.pcapng');
    expect(s).toContain('try capture "$NS_S" srv-p1 path1-srv-p1.up0.pcapng');
    expect(s).toContain('capture "$NS_C" cli-p1 path1-cli-p1.pcapng');
  });

  it('turns what cannot be expressed into a comment and a located warning', () => {
    expect(block(14)).not.toContain('at_time');
    expect(block(14)).toContain('NOT reproduced here');
    expect(block(15)).not.toContain('at_time');
    expect(warnings).toEqual(
      expect.arrayContaining([
        { path: 'scenario.events[14]', message: expect.stringContaining('"wire"') },
        { path: 'scenario.events[15]', message: expect.stringContaining('no endpoint of the server matches') },
        { path: 'scenario.seed', message: expect.stringContaining('not seeded') },
      ]),
    );
    // the warnings are also listed at the top of the script
    expect(script.split('set -euo pipefail')[0]).toContain('- scenario.events[14]:');
  });

  it('warns about simulator-only keys and netem reordering', () => {
    const sim = exportLab(
      scenario({
        paths: [{ delay_ms: 10, jitter_ms: 3 }],
        app: { bytes: 1000 },
        sim: { scheduler: { client: 'blest', server: 'default' }, congestion_control: 'olia', middleboxes: [{ path: 1, action: 'strip_options', options: ['MP_CAPABLE'] }], tcp_flows: 'per_path' },
      }),
      'en',
    ).warnings.map((w) => w.path);
    expect(sim).toEqual(
      expect.arrayContaining(['scenario.sim.middleboxes', 'scenario.sim.scheduler.client', 'scenario.sim.congestion_control', 'scenario.sim.tcp_flows', 'scenario.paths[0].c2s.jitter_ms', 'scenario.paths[0].s2c.jitter_ms']),
    );
    expect(sim).not.toContain('scenario.sim.scheduler.server');
  });

  it('has no warning for the three kernel-ref lessons', () => {
    for (const name of ['a_aggregation', 'b_handover', 'c_backup']) expect(exportLab(kernelRef(name), 'en').warnings).toEqual([]);
  });
});

describe('exportLab: languages and syntax', () => {
  it('explains the steps in the chosen language; the commands are the same', () => {
    const sc = scenario(EVERYTHING);
    const en = exportLab(sc, 'en').script;
    const zh = exportLab(sc, 'zh').script;
    expect(en).toContain('# Step 5: link shaping');
    expect(zh).toContain('# 第 5 步：链路整形');
    expect(zh).not.toContain('Step 5');
    expect(zh).toContain("say '注意：此内核没有 sch_netem");
    expect(commands(zh)).toEqual(commands(en));
  });

  it('is deterministic and named after the scenario', () => {
    const sc = kernelRef('b_handover');
    expect(exportLab(sc, 'zh').script).toBe(exportLab(sc, 'zh').script);
    expect(exportLab(sc, 'en').fileName).toBe('lab-b_handover.sh');
    expect(labFileName(scenario({ name: '../evil name;rm', paths: [{}], app: { bytes: 1 } }))).toBe('lab-evil_name_rm.sh');
  });

  it('passes bash -n in both languages, for the kernel-ref scenarios and the every-event one', () => {
    for (const name of ['a_aggregation', 'b_handover', 'c_backup', 'd_signal', 'e_fallback_server_tcp', 'f_prio_blackhole_download']) {
      for (const lang of ['en', 'zh'] as const) bashSyntax(exportLab(kernelRef(name), lang).script, `${name}-${lang}.sh`);
    }
    for (const lang of ['en', 'zh'] as const) bashSyntax(exportLab(scenario(EVERYTHING), lang).script, `every-${lang}.sh`);
  });

  it('embeds a python3 transfer program that compiles', () => {
    const f = join(tmp, 'lab_app.py');
    writeFileSync(f, LAB_APP_PY);
    execFileSync('python3', ['-m', 'py_compile', f]);
    expect(exportLab(kernelRef('a_aggregation'), 'en').script).toContain(LAB_APP_PY.split('\n').slice(0, 5).join('\n'));
  });

  it('embeds a python3 link emulator (used without sch_netem) that compiles', () => {
    const f = join(tmp, 'lab_wire.py');
    writeFileSync(f, LAB_WIRE_PY);
    execFileSync('python3', ['-m', 'py_compile', f]);
    expect(exportLab(kernelRef('a_aggregation'), 'en').script).toContain(LAB_WIRE_PY.split('\n').slice(0, 5).join('\n'));
  });

  it('quotes shell words so that bash reads them back unchanged', () => {
    const words = ["it's", 'a b', '$HOME', '`x`', 'a"b', 'plain-1.0', '*', ''];
    const out = execFileSync('bash', ['-c', `printf '%s\\n' ${words.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
    expect(out.split('\n').slice(0, -1)).toEqual(words);
  });

  it('has the same keys and placeholders in both comment tables', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    expect(Object.keys(LAB_TEXT.zh).sort()).toEqual(Object.keys(LAB_TEXT.en).sort());
    const bad = Object.keys(LAB_TEXT.en).filter((k) => ph(LAB_TEXT.en[k as keyof typeof LAB_TEXT.en]) !== ph(LAB_TEXT.zh[k as keyof typeof LAB_TEXT.zh]));
    expect(bad).toEqual([]);
  });
});

describe('npm run lab (cli/lab.ts)', () => {
  async function cli(argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
    let out = '';
    const err: string[] = [];
    const code = await labMain(argv, { stdout: (x) => (out += x), stderr: (l) => err.push(l) });
    return { code, out, err };
  }
  const file = (name: string, raw: unknown) => {
    const f = join(tmp, name);
    writeFileSync(f, typeof raw === 'string' ? raw : JSON.stringify(raw));
    return f;
  };

  it('prints the script to stdout, or writes it executable to --out, in the chosen language', async () => {
    const sc = join(KERNEL_REF, 'scenarios', 'c_backup.json');
    const r = await cli([sc]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(exportLab(kernelRef('c_backup'), 'en').script);
    const out = join(tmp, 'c.sh');
    const z = await cli([sc, '--lang=zh', '--out', out]);
    expect(z.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exportLab(kernelRef('c_backup'), 'zh').script);
    expect(execFileSync('stat', ['-c', '%a', out], { encoding: 'utf8' }).trim()).toBe('755');
  });

  it('lists the warnings on stderr with their JSON paths', async () => {
    const f = file('wire.json', { paths: [{}], app: { bytes: 1 }, events: [{ at: 1, action: 'cmd', ns: 'wire', argv: ['true'] }] });
    const r = await cli([f]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([expect.stringMatching(/^warning: scenario\.events\[0\]: a "cmd" event in the "wire" namespace/)]);
  });

  it('refuses a bad scenario or command line with exit 2 and a located message', async () => {
    const bad = await cli([file('bad.json', { paths: [], app: { bytes: 1 }, bogus: 1 })]);
    expect(bad.code).toBe(2);
    expect(bad.err.join('\n')).toMatch(/scenario\.bogus: unknown key/);
    expect(bad.out).toBe('');
    expect((await cli([file('notjson.json', '{')])).code).toBe(2);
    expect((await cli([join(tmp, 'missing.json')])).err[0]).toMatch(/not found/);
    expect((await cli(['x.json', '--lang', 'fr'])).err[0]).toBe("error: --lang must be en or zh, got 'fr'");
    expect((await cli([])).code).toBe(2);
    expect((await cli(['--help'])).out).toContain('usage: npm run lab');
  });
});
