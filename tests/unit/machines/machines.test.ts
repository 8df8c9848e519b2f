import { describe, expect, it } from 'vitest';
import { initialTransition, transition, subflowMachine, connectionMachine, TCP_STATE_DISPLAY, CONNECTION_STATE_DISPLAY } from '../../../src/machines';

function stateKey(v: unknown): string {
  if (typeof v === 'string') return v;
  const [k, sub] = Object.entries(v as Record<string, unknown>)[0];
  return `${k}.${stateKey(sub)}`;
}

/** Breadth-first exploration of a machine with the given event list; returns reachable state keys. */
function reachable(machine: any, events: { type: string }[]): Set<string> {
  const [s0] = initialTransition(machine);
  const seen = new Map<string, any>([[stateKey(s0.value), s0]]);
  const queue = [s0];
  while (queue.length) {
    const s = queue.shift();
    for (const ev of events) {
      const [n] = transition(machine, s, ev);
      const k = stateKey(n.value);
      if (!seen.has(k)) {
        seen.set(k, n);
        queue.push(n);
      }
    }
  }
  return new Set(seen.keys());
}

const walk = (machine: any, evs: string[]) => {
  let [s] = initialTransition(machine);
  for (const type of evs) [s] = transition(machine, s, { type } as any);
  return stateKey(s.value);
};

describe('subflow (TCP) machine, RFC 9293 Figure 5', () => {
  const events = ['CONNECT', 'SYN_RECEIVED', 'SYNACK_RECEIVED', 'ACK_OF_SYN', 'CLOSE', 'FIN_RECEIVED', 'ACK_OF_FIN', 'FIN_ACK_RECEIVED', 'TIMEWAIT_EXPIRED', 'RST_RECEIVED', 'ABORT'].map((type) => ({ type }));

  it('every state except LISTEN (Linux listeners are not subflows) is reachable from CLOSED', () => {
    const r = reachable(subflowMachine, events);
    for (const s of Object.keys(TCP_STATE_DISPLAY)) if (s !== 'listen') expect(r.has(s), s).toBe(true);
  });

  it('active close: ESTABLISHED → FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT → CLOSED', () => {
    expect(walk(subflowMachine, ['CONNECT', 'SYNACK_RECEIVED', 'CLOSE', 'ACK_OF_FIN', 'FIN_RECEIVED', 'TIMEWAIT_EXPIRED'])).toBe('closed');
    expect(walk(subflowMachine, ['CONNECT', 'SYNACK_RECEIVED', 'CLOSE', 'ACK_OF_FIN', 'FIN_RECEIVED'])).toBe('timeWait');
  });

  it('simultaneous close goes through CLOSING; passive close through CLOSE-WAIT and LAST-ACK', () => {
    expect(walk(subflowMachine, ['CONNECT', 'SYNACK_RECEIVED', 'CLOSE', 'FIN_RECEIVED'])).toBe('closing');
    expect(walk(subflowMachine, ['SYN_RECEIVED', 'ACK_OF_SYN', 'FIN_RECEIVED', 'CLOSE'])).toBe('lastAck');
  });

  it('a reset closes from any synchronized state, and events that do not apply are ignored', () => {
    expect(walk(subflowMachine, ['CONNECT', 'SYNACK_RECEIVED', 'RST_RECEIVED'])).toBe('closed');
    expect(walk(subflowMachine, ['CONNECT', 'FIN_RECEIVED'])).toBe('synSent');
  });
});

describe('MPTCP connection machine (RFC 8684 §3.1, §3.3.3, §3.7)', () => {
  const events = ['CONNECT', 'SYNACK_MP_CAPABLE', 'ACCEPTED', 'FULLY_ESTABLISHED', 'FALLBACK', 'CLOSE', 'DATA_FIN_RECEIVED', 'DATA_FIN_ACKED', 'FASTCLOSE', 'ALL_SUBFLOWS_CLOSED', 'RESET'].map((type) => ({ type }));

  it('every displayed state is reachable', () => {
    const r = reachable(connectionMachine, events);
    for (const s of Object.keys(CONNECTION_STATE_DISPLAY)) if (s !== 'established') expect(r.has(s), s).toBe(true);
  });

  it('the client is pre-established after the SYN/ACK and fully established on the first DATA_ACK', () => {
    expect(walk(connectionMachine, ['CONNECT', 'SYNACK_MP_CAPABLE'])).toBe('established.preEstablished');
    expect(walk(connectionMachine, ['CONNECT', 'SYNACK_MP_CAPABLE', 'FULLY_ESTABLISHED'])).toBe('established.fullyEstablished');
  });

  it('the server is fully established at once on the third ACK', () => {
    expect(walk(connectionMachine, ['ACCEPTED'])).toBe('established.fullyEstablished');
  });

  it('a SYN/ACK without MP_CAPABLE means fallback to TCP', () => {
    expect(walk(connectionMachine, ['CONNECT', 'FALLBACK'])).toBe('fallback');
  });

  it('DATA_FIN closes the connection at the data level, without TIME-WAIT', () => {
    expect(walk(connectionMachine, ['ACCEPTED', 'CLOSE', 'DATA_FIN_ACKED', 'DATA_FIN_RECEIVED'])).toBe('closed');
    expect(walk(connectionMachine, ['ACCEPTED', 'DATA_FIN_RECEIVED', 'CLOSE', 'DATA_FIN_ACKED'])).toBe('closed');
  });

  it('MP_FASTCLOSE ends the connection from any state', () => {
    expect(walk(connectionMachine, ['CONNECT', 'SYNACK_MP_CAPABLE', 'FASTCLOSE'])).toBe('closed');
  });
});
