import { describe, expect, it } from 'vitest';
import { policyBucket, policyShares } from '../../../bench/policy-share';

const f = (id: number, functionName: string, url: string, hitCount: number, children: number[] = []) => ({ id, callFrame: { functionName, url }, hitCount, children });
const SRC = 'file:///x/src/core';

describe('policy share of a profile', () => {
  it('counts policy code and what it calls, under measureWorkload only', () => {
    const nodes = [
      f(1, '(root)', '', 0, [2, 9, 10]),
      f(2, 'measureWorkload', 'file:///x/bench/measure.ts', 10, [3, 4, 6]),
      f(3, 'pickSend', `${SRC}/sched/default.ts`, 20, [5]),
      f(4, 'push', `${SRC}/mptcp/connection.ts`, 40, [7]),
      f(5, 'sort', '', 10), // a builtin the scheduler calls: the scheduler's
      f(6, 'createSubflowOrSignal', `${SRC}/pm/kernel-pm.ts`, 5),
      f(7, 'schedView', `${SRC}/mptcp/connection.ts`, 15),
      f(9, '(garbage collector)', '', 100),
      f(10, 'loadModules', 'node:internal', 500),
    ];
    expect(policyShares(nodes)).toEqual({ samples: 100, sched_pct: 45, pm_pct: 5, total_pct: 50 });
  });

  it('knows which files are policy', () => {
    expect(policyBucket('x', `${SRC}/sched/rr.ts`)).toBe('sched');
    expect(policyBucket('recordDecision', `${SRC}/mptcp/sched-record.ts`)).toBe('sched');
    expect(policyBucket('push', `${SRC}/mptcp/connection.ts`)).toBeNull();
    expect(policyBucket('x', `${SRC}/pm/pm-namespace.ts`)).toBe('pm');
    expect(policyBucket('x', `${SRC}/tcp/tcp-socket.ts`)).toBeNull();
  });
});
