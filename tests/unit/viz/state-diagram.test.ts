import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { CONNECTION_STATE_DISPLAY, TCP_STATE_DISPLAY, connectionMachine, subflowMachine } from '../../../src/machines';
import { ancestorsOrSelf, edgeForChange, machineGraph, type StateGraph } from '../../../src/viz/state-diagram';
import { layoutStateGraph, type StateDiagramLayout, type Box } from '../../../src/viz/state-diagram-layout';
import { connectionLifecycles, recentChanges, stateAt, subflowLifecycles } from '../../../src/viz/state-diagram-trace';
import { simulate } from '../../../src/core';
import { validateScenario } from '../../../src/core/scenario';
import { DEFAULT_SCENARIO } from '../../../src/ui/default-scenario';

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function leafBoxesDoNotOverlap(layout: StateDiagramLayout): void {
  const leaves = layout.states.filter((s) => !s.compound);
  for (let i = 0; i < leaves.length; i++) for (let j = i + 1; j < leaves.length; j++) expect(overlap(leaves[i], leaves[j]), `${leaves[i].id} / ${leaves[j].id}`).toBe(false);
}

function insideCanvas(layout: StateDiagramLayout): void {
  for (const s of layout.states) {
    expect(s.x).toBeGreaterThanOrEqual(0);
    expect(s.y).toBeGreaterThanOrEqual(0);
    expect(s.x + s.w).toBeLessThanOrEqual(layout.width);
    expect(s.y + s.h).toBeLessThanOrEqual(layout.height);
  }
  for (const e of layout.edges) {
    for (const m of e.d.matchAll(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g)) {
      const [x, y] = m[0].split(',').map(Number);
      expect(x).toBeGreaterThanOrEqual(-0.01);
      expect(y).toBeGreaterThanOrEqual(-0.01);
      expect(x).toBeLessThanOrEqual(layout.width + 0.01);
      expect(y).toBeLessThanOrEqual(layout.height + 0.01);
    }
  }
}

describe('machineGraph reads the xstate definitions', () => {
  it('lists every TCP state of the subflow machine with its RFC 9293 display name', () => {
    const g = machineGraph(subflowMachine, TCP_STATE_DISPLAY);
    expect(g.machineId).toBe('tcp');
    expect(g.initial).toBe('closed');
    expect(g.nodes.map((n) => n.id).sort()).toEqual(Object.keys(subflowMachine.config.states!).sort());
    expect(g.nodes.find((n) => n.id === 'synSent')?.label).toBe('SYN-SENT');
  });

  it('merges the events of one source/target pair into one edge', () => {
    const g = machineGraph(subflowMachine, TCP_STATE_DISPLAY);
    expect(g.edges.find((e) => e.id === 'timeWait->closed')?.events).toEqual(['TIMEWAIT_EXPIRED', 'RST_RECEIVED', 'ABORT']);
    expect(g.edges.find((e) => e.id === 'finWait1->timeWait')?.events).toEqual(['FIN_ACK_RECEIVED']);
    // every transition of the definition is an edge
    let transitions = 0;
    for (const st of Object.values(subflowMachine.config.states!)) transitions += Object.keys(st.on ?? {}).length;
    expect(g.edges.reduce((n, e) => n + e.events.length, 0)).toBe(transitions);
  });

  it('includes the nested states of the connection machine, with their parent and short names', () => {
    const g = machineGraph(connectionMachine, CONNECTION_STATE_DISPLAY);
    const est = g.nodes.find((n) => n.id === 'established')!;
    expect(est.children).toEqual(['established.preEstablished', 'established.fullyEstablished']);
    expect(est.initial).toBe('established.preEstablished');
    const pre = g.nodes.find((n) => n.id === 'established.preEstablished')!;
    expect(pre.parent).toBe('established');
    expect(pre.depth).toBe(1);
    expect(pre.label).toBe('ESTABLISHED (pre-established)');
    expect(pre.shortLabel).toBe('pre-established');
    // transitions declared on the compound state start at the compound state
    expect(g.edges.find((e) => e.id === 'established->finWait1')?.events).toEqual(['CLOSE']);
    expect(g.edges.find((e) => e.id === 'established.preEstablished->established.fullyEstablished')?.events).toEqual(['FULLY_ESTABLISHED']);
    expect(g.edges.find((e) => e.id === 'closed->established.fullyEstablished')?.events).toEqual(['ACCEPTED']);
  });

  it('follows the machine: a state added to the definition appears in the graph and the picture', () => {
    const base = machineGraph(subflowMachine, TCP_STATE_DISPLAY);
    const config = subflowMachine.config as { states: Record<string, { on?: Record<string, string> }> };
    const grown = createMachine({
      id: 'tcp',
      initial: 'closed',
      states: {
        ...config.states,
        established: { on: { ...config.states.established.on, MIGRATE: 'migrating' } },
        migrating: { initial: 'probing', states: { probing: { on: { OK: 'done' } }, done: {} }, on: { ABORT: 'closed' } },
      },
    });
    const g = machineGraph(grown, TCP_STATE_DISPLAY);
    expect(g.nodes.length).toBe(base.nodes.length + 3);
    expect(g.nodes.find((n) => n.id === 'migrating.probing')?.parent).toBe('migrating');
    expect(g.edges.map((e) => e.id)).toContain('established->migrating');
    expect(g.edges.map((e) => e.id)).toContain('migrating.probing->migrating.done');
    const layout = layoutStateGraph(g);
    expect(layout.states.map((s) => s.id)).toContain('migrating.done');
    leafBoxesDoNotOverlap(layout);
    insideCanvas(layout);
  });

  it('labels guarded and eventless transitions', () => {
    const m = createMachine({
      id: 'm',
      initial: 'a',
      states: { a: { always: { target: 'b', guard: 'isReady' } }, b: { on: { GO: [{ target: 'a', guard: 'isBack' }, { target: 'c' }] } }, c: {} },
    });
    const g = machineGraph(m);
    expect(g.edges.map((e) => [e.id, e.events])).toEqual([
      ['a->b', ['(always) [isReady]']],
      ['b->a', ['GO [isBack]']],
      ['b->c', ['GO']],
    ]);
    expect(g.nodes.map((n) => n.label)).toEqual(['a', 'b', 'c']);
  });
});

describe('layoutStateGraph', () => {
  const graphs: [string, StateGraph][] = [
    ['connection', machineGraph(connectionMachine, CONNECTION_STATE_DISPLAY)],
    ['subflow', machineGraph(subflowMachine, TCP_STATE_DISPLAY)],
  ];

  for (const [name, g] of graphs) {
    it(`places every ${name} state once, without overlaps, inside the canvas`, () => {
      const layout = layoutStateGraph(g);
      expect(layout.states.map((s) => s.id).sort()).toEqual(g.nodes.map((n) => n.id).sort());
      expect(layout.edges.map((e) => e.id).sort()).toEqual(g.edges.map((e) => e.id).sort());
      leafBoxesDoNotOverlap(layout);
      insideCanvas(layout);
    });

    it(`lays out the ${name} machine deterministically`, () => {
      expect(JSON.stringify(layoutStateGraph(g))).toBe(JSON.stringify(layoutStateGraph(g)));
    });

    it(`draws the ${name} machine top-down from its initial state, back edges through a bus`, () => {
      const layout = layoutStateGraph(g);
      const y = (id: string): number => layout.states.find((s) => s.id === id)!.y;
      const topLevel = (id: string): boolean => !id.includes('.');
      for (const e of layout.edges) {
        // (children of a compound state are laid out across, so only top-level edges run downwards)
        if (e.kind === 'forward' && topLevel(e.from) && topLevel(e.to)) expect(y(e.to), e.id).toBeGreaterThan(y(e.from));
        else if (e.kind === 'back') expect(y(e.to), e.id).toBeLessThanOrEqual(y(e.from));
      }
      const top = Math.min(...layout.states.map((s) => s.y));
      expect(y(g.initial)).toBe(top);
      expect(layout.buses.map((b) => b.target)).toEqual([g.initial]);
    });
  }

  it('keeps children inside their compound state', () => {
    const layout = layoutStateGraph(machineGraph(connectionMachine, CONNECTION_STATE_DISPLAY));
    const box = (id: string): Box => layout.states.find((s) => s.id === id)!;
    for (const c of ['established.preEstablished', 'established.fullyEstablished']) {
      const inner = box(c);
      const outer = box('established');
      expect(inner.x).toBeGreaterThan(outer.x);
      expect(inner.y).toBeGreaterThan(outer.y);
      expect(inner.x + inner.w).toBeLessThan(outer.x + outer.w);
      expect(inner.y + inner.h).toBeLessThan(outer.y + outer.h);
    }
  });

  it('writes the event set most back edges share once, on the bus', () => {
    const layout = layoutStateGraph(machineGraph(subflowMachine, TCP_STATE_DISPLAY));
    expect(layout.buses[0].events).toEqual(['RST_RECEIVED', 'ABORT']);
    const lbl = (id: string): string | undefined => layout.edges.find((e) => e.id === id)?.label?.text;
    expect(lbl('established->closed')).toBeUndefined();
    expect(lbl('timeWait->closed')).toBe('+ TIMEWAIT_EXPIRED');
    expect(lbl('listen->closed')).toBe('CLOSE · ABORT');
  });

  it('sizes boxes with the text measure it is given', () => {
    const g = machineGraph(subflowMachine, TCP_STATE_DISPLAY);
    const narrow = layoutStateGraph(g, { textWidth: (s) => s.length * 5 });
    const wide = layoutStateGraph(g, { textWidth: (s) => s.length * 12 });
    expect(wide.width).toBeGreaterThan(narrow.width);
    leafBoxesDoNotOverlap(wide);
  });
});

describe('live state from the trace', () => {
  const v = validateScenario(DEFAULT_SCENARIO);
  if (!v.ok) throw new Error('default scenario invalid');
  const { trace } = simulate(v.scenario, { seed: 1, summary: false });
  const conn = machineGraph(connectionMachine, CONNECTION_STATE_DISPLAY);
  const tcp = machineGraph(subflowMachine, TCP_STATE_DISPLAY);

  it('finds one MPTCP connection per host, starting closed and going through pre-established on the client', () => {
    const cs = connectionLifecycles(trace);
    expect(cs.map((c) => c.side)).toEqual(['client', 'server']);
    const client = cs[0];
    expect(client.initial).toBe('closed');
    expect(client.changes.map((c) => c.to).slice(0, 3)).toEqual(['synSent', 'established.preEstablished', 'established.fullyEstablished']);
    expect(stateAt(client, -1)).toEqual({ state: 'closed', since: null });
    expect(stateAt(client, client.changes[1].t).state).toBe('established.preEstablished');
  });

  it('finds every subflow socket with its path and addresses', () => {
    const sf = subflowLifecycles(trace);
    const client = sf.filter((s) => s.side === 'client');
    expect(client.map((s) => s.path)).toEqual([1, 2]);
    expect(client.map((s) => s.index)).toEqual([1, 2]);
    expect(client[0].local).toMatch(/^10\.0\.1\.1:\d+$/);
    expect(sf.filter((s) => s.side === 'server').length).toBe(2);
  });

  it('matches every state change in the trace to an edge of the drawn machine', () => {
    for (const c of connectionLifecycles(trace)) for (const ch of c.changes) expect(edgeForChange(conn, ch.from, ch.to), `${ch.from}->${ch.to}`).not.toBeNull();
    for (const s of subflowLifecycles(trace)) for (const ch of s.changes) expect(edgeForChange(tcp, ch.from, ch.to), `${ch.from}->${ch.to}`).not.toBeNull();
  });

  it('maps a change out of a nested state to the edge declared on its parent', () => {
    expect(edgeForChange(conn, 'established.fullyEstablished', 'finWait1')?.id).toBe('established->finWait1');
    expect(edgeForChange(conn, 'synSent', 'established.preEstablished')?.id).toBe('synSent->established.preEstablished');
    expect(edgeForChange(conn, 'closed', 'lastAck')).toBeNull();
    expect(ancestorsOrSelf(conn, 'established.preEstablished')).toEqual(['established.preEstablished', 'established']);
  });

  it('lists the last transitions before t, the latest first', () => {
    const client = connectionLifecycles(trace)[0];
    const t = client.changes[2].t;
    expect(recentChanges(client, t, 3).map((c) => c.to)).toEqual(['established.fullyEstablished', 'established.preEstablished', 'synSent']);
    expect(recentChanges(client, t - 1, 3).map((c) => c.to)).toEqual(['established.preEstablished', 'synSent']);
    expect(recentChanges(client, trace.end, 1)).toHaveLength(1);
  });
});
