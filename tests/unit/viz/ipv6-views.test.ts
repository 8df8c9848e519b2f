/**
 * An IPv6 capture in the views (issue 8: "IPv4 and IPv6"): packets hold 240.0.0.0/4 placeholders
 * (the simulator is IPv4), the trace lists their real text, and every view-side text — subflow
 * events and timeline marks, the ladder's lanes, the topology's subflows, the packet inspector's IP
 * fields, the expert views' 4-tuples — names the real address in RFC 5952 form ([addr]:port).
 */
import { describe, expect, it } from 'vitest';
import { importCapture } from '../../../src/core/capture/capture-trace';
import { addressNames, endpointText, ipText } from '../../../src/core/net/address-text';
import { ipv4ToInt } from '../../../src/core/net/packet';
import { buildLadder, subflowEndpoints } from '../../../src/viz/ladder';
import { timelineMarks } from '../../../src/viz/timeline-marks';
import { buildTopologyCore } from '../../../src/viz/topology-model';
import { buildPacketTree, frameBytes, frameInfo, type TreeNode } from '../../../src/viz/packet-tree';
import { tupleOf } from '../../../src/viz/expert/subflows';
import { sourceFrames, toIpv6, writePcap } from '../capture/builders';

const frames = sourceFrames('d_signal', 'merged-server.pcapng', 400).map((f) => ({ ...f, data: toIpv6(f.data), origLen: undefined }));
const r = importCapture(writePcap(frames, { little: true, nano: true, linkType: 229 }), { fileName: 'v6.pcap' });
if (!r.ok) throw new Error(r.message);
const { trace, scenario } = r.value;
const names = addressNames(trace);

const V6_ENDPOINT = /^\[2001:db8:[12]::[12]\]:\d+$/;

function findNode(nodes: readonly TreeNode[], id: string): TreeNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const c = findNode(n.children, id);
    if (c) return c;
  }
  return undefined;
}

describe('address text', () => {
  it('IPv4 as dotted quad; a placeholder as its IPv6 name; IPv6 endpoints in brackets (RFC 5952 §6)', () => {
    const m = new Map([[0xf0000001, '2001:db8::1']]);
    expect(ipText(ipv4ToInt('10.0.1.1'), m)).toBe('10.0.1.1');
    expect(endpointText(ipv4ToInt('10.0.1.1'), 80, m)).toBe('10.0.1.1:80');
    expect(ipText(0xf0000001, m)).toBe('2001:db8::1');
    expect(endpointText(0xf0000001, 80, m)).toBe('[2001:db8::1]:80');
    // without names (a simulated run): the dotted form, as before
    expect(endpointText(0xf0000001, 80, undefined)).toBe('240.0.0.1:80');
    expect(addressNames({})).toBeUndefined();
  });
});

describe('an IPv6 capture in the views', () => {
  it('the trace names its placeholders', () => {
    expect(names?.size).toBe(4);
    expect([...(names?.values() ?? [])].sort()).toEqual(['2001:db8:1::1', '2001:db8:1::2', '2001:db8:2::1', '2001:db8:2::2']);
    for (const v of names?.keys() ?? []) expect(v >>> 28).toBe(0xf);
  });

  it('subflow events and the timeline marks name the real endpoints', () => {
    const details = trace.events.flatMap((e) => (e.type === 'mptcp' && e.ev.type === 'subflow' && e.ev.what !== 'closed' ? [e.ev.detail] : []));
    expect(details.length).toBeGreaterThan(0);
    for (const d of details) for (const ep of d.split(' → ')) expect(ep).toMatch(V6_ENDPOINT);
    const up = timelineMarks(trace, scenario).filter((m) => m.kind === 'subflowUp');
    expect(up.length).toBe(2);
    for (const m of up) expect(m.detail).not.toContain('240.');
    expect(up[0].detail).toMatch(/^\[2001:db8:1::1\]:\d+ → \[2001:db8:1::2\]:5201$/);
  });

  it("the ladder's lanes, the topology's subflows and the expert views' 4-tuples", () => {
    const lanes = buildLadder(trace.captures).subflows.map((sf) => subflowEndpoints(sf, names));
    expect(lanes.length).toBe(2);
    for (const l of lanes) {
      expect(l.client).toMatch(V6_ENDPOINT);
      expect(l.server).toMatch(V6_ENDPOINT);
    }
    const topo = buildTopologyCore(trace, scenario).subflows;
    expect(topo.map((s) => [s.client, s.server])).toEqual(lanes.map((l) => [l.client, l.server]));
    expect(tupleOf(trace.captures[0].pkt, names)).toMatch(/^\[2001:db8:\d::\d\]:\d+ → \[2001:db8:\d::\d\]:\d+$/);
  });

  it("the packet inspector's IP source and destination", () => {
    const rec = trace.captures[0];
    const tree = buildPacketTree(frameBytes(rec, 0), { ...frameInfo(rec, 0), names });
    const src = findNode(tree.nodes, 'ip.src')?.value;
    const dst = findNode(tree.nodes, 'ip.dst')?.value;
    expect([src, dst].sort()).toEqual(['2001:db8:1::1', '2001:db8:1::2']);
    const ip = findNode(tree.nodes, 'ip');
    expect(JSON.stringify(ip?.name)).toContain('2001:db8:1::');
  });
});
