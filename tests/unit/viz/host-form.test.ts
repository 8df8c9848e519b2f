/**
 * The host form's checks (src/viz/host-form.ts): the learner's `ip mptcp` input refused where
 * iproute2 or the kernel would refuse it, each refusal located on its field, and what passes made
 * into a kernel-ref event at the cursor that validates and does what it says once the run forks
 * (the endpoint table and limits at t, rebuilt by core/linux/host-state.ts, show the change).
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../src/core/scenario/index';
import type { Scenario } from '../../../src/core/scenario/types';
import type { PmEndpoint } from '../../../src/core/pm/types';
import { simulate } from '../../../src/core';
import { hostStateAt } from '../../../src/core/linux/host-state';
import { DEFAULT_SCENARIO } from '../../../src/ui/default-scenario';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';
import {
  ADD_FLAGS,
  OTHER_ADDRESS,
  addressChoices,
  checkEndpointAdd,
  checkFlagToggle,
  checkLimits,
  endpointDelete,
  wholeNumber,
  type EndpointAddInput,
  type HostCheck,
} from '../../../src/viz/host-form';
import { withIntervention, type HostIntervention } from '../../../src/viz/timeline-scenario';

function valid(raw: unknown): Scenario {
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.scenario;
}

const base = valid({ ...DEFAULT_SCENARIO, paths: [...DEFAULT_SCENARIO.paths, { name: 'lte', delay_ms: 60, client_extra_addrs: ['10.0.3.7'] }] });
const choices = addressChoices(base.paths, 'client');
/** The default scenario's client table: 10.0.2.1 id 1 subflow dev cli-p2. */
const EP: PmEndpoint = { id: 1, addr: '10.0.2.1', port: null, dev: 'cli-p2', flags: ['subflow'] };

const input = (over: Partial<EndpointAddInput> = {}): EndpointAddInput => ({ where: 'p3', addr: '', id: '', port: '', flags: ['subflow'], ...over });

function refused(r: HostCheck): { field: string; key: string; params: Record<string, string | number> } {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.iv)}`);
  return r.problem;
}

function accepted(r: HostCheck): HostIntervention {
  if (!r.ok) throw new Error(`expected a command, got ${JSON.stringify(r.problem)}`);
  return r.iv;
}

describe('addressChoices', () => {
  it('lists each path’s address on the host, then its extra addresses', () => {
    expect(choices.map((c) => [c.value, c.addr, c.dev, c.extra])).toEqual([
      ['p1', '10.0.1.1', 'cli-p1', false],
      ['p2', '10.0.2.1', 'cli-p2', false],
      ['p3', '10.0.3.1', 'cli-p3', false],
      ['a10.0.3.7', '10.0.3.7', 'cli-p3', true],
    ]);
    expect(addressChoices(base.paths, 'server').map((c) => c.addr)).toEqual(['10.0.1.2', '10.0.2.2', '10.0.3.2']);
  });
});

describe('wholeNumber', () => {
  it('reads plain whole numbers (full-width digits too), null when empty, NaN otherwise', () => {
    expect(wholeNumber('')).toBeNull();
    expect(wholeNumber('  ')).toBeNull();
    expect(wholeNumber(' 7 ')).toBe(7);
    expect(wholeNumber('１２')).toBe(12);
    for (const bad of ['1.5', '-1', '1e2', 'abc', '0x10', '12345678901']) expect(wholeNumber(bad)).toBeNaN();
  });
});

describe('checkEndpointAdd', () => {
  it('names a path’s address by path, an extra or typed address by address', () => {
    expect(accepted(checkEndpointAdd(input(), 'client', choices, [EP]))).toEqual({ action: 'endpoint_add', ns: 'client', path: 3, flags: ['subflow'] });
    expect(accepted(checkEndpointAdd(input({ where: 'a10.0.3.7', id: '9', flags: ['backup', 'subflow'] }), 'client', choices, [EP]))).toEqual({
      action: 'endpoint_add',
      ns: 'client',
      addr: '10.0.3.7',
      id: 9,
      flags: ['subflow', 'backup'],
    });
    expect(accepted(checkEndpointAdd(input({ where: OTHER_ADDRESS, addr: ' 192.168.1.4 ', port: '8080', flags: ['signal'] }), 'server', choices, []))).toEqual({
      action: 'endpoint_add',
      ns: 'server',
      addr: '192.168.1.4',
      port: 8080,
      flags: ['signal'],
    });
  });

  it('refuses a bad address, an id out of 1–255, a bad port, on their fields', () => {
    expect(refused(checkEndpointAdd(input({ where: OTHER_ADDRESS }), 'client', choices, []))).toMatchObject({ field: 'addr', key: 'topoHostErrAddrEmpty' });
    for (const addr of ['10.0.3', '10.0.3.256', '10.0.03.1', 'fe80::1', 'host']) {
      expect(refused(checkEndpointAdd(input({ where: OTHER_ADDRESS, addr }), 'client', choices, []))).toEqual({ field: 'addr', key: 'topoHostErrAddr', params: { addr } });
    }
    for (const id of ['0', '256', '1.5', '-3', 'x']) {
      expect(refused(checkEndpointAdd(input({ id }), 'client', choices, []))).toEqual({ field: 'id', key: 'topoHostErrId', params: { min: 1, max: 255 } });
    }
    for (const port of ['0', '65536', 'http']) {
      expect(refused(checkEndpointAdd(input({ port, flags: ['signal'] }), 'client', choices, []))).toMatchObject({ field: 'port', key: 'topoHostErrPort' });
    }
    expect(refused(checkEndpointAdd(input({ where: 'nowhere' }), 'client', choices, []))).toMatchObject({ field: 'where', key: 'topoHostErrWhere' });
  });

  it('refuses what the kernel refuses: a port without signal-only flags, signal with fullmesh', () => {
    expect(refused(checkEndpointAdd(input({ port: '1000', flags: ['subflow'] }), 'client', choices, []))).toMatchObject({ field: 'port', key: 'topoHostErrPortFlags' });
    expect(refused(checkEndpointAdd(input({ port: '1000', flags: ['signal', 'subflow'] }), 'client', choices, []))).toMatchObject({ field: 'port', key: 'topoHostErrPortFlags' });
    expect(refused(checkEndpointAdd(input({ flags: ['signal', 'fullmesh'] }), 'client', choices, []))).toMatchObject({ field: 'flags', key: 'topoHostErrSignalFullmesh' });
  });

  it('refuses a full table, an id in use and an address that has an endpoint; replaces an implicit one only without id', () => {
    const eight: PmEndpoint[] = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, addr: `10.9.0.${i + 1}`, port: null, dev: null, flags: ['signal'] }));
    expect(refused(checkEndpointAdd(input(), 'client', choices, eight))).toEqual({ field: 'where', key: 'topoHostErrFull', params: { max: 8 } });
    expect(refused(checkEndpointAdd(input({ id: '1' }), 'client', choices, [EP]))).toEqual({ field: 'id', key: 'topoHostErrIdUsed', params: { id: 1, addr: '10.0.2.1' } });
    expect(refused(checkEndpointAdd(input({ where: 'p2' }), 'client', choices, [EP]))).toEqual({ field: 'where', key: 'topoHostErrAddrUsed', params: { addr: '10.0.2.1', id: 1 } });
    expect(refused(checkEndpointAdd(input({ where: OTHER_ADDRESS, addr: '10.0.2.1' }), 'client', choices, [EP]))).toMatchObject({ field: 'addr', key: 'topoHostErrAddrUsed' });
    const implicit: PmEndpoint = { ...EP, flags: ['implicit'] };
    expect(refused(checkEndpointAdd(input({ where: 'p2', id: '5' }), 'client', choices, [implicit]))).toEqual({ field: 'id', key: 'topoHostErrImplicitId', params: { addr: '10.0.2.1', id: 1 } });
    expect(accepted(checkEndpointAdd(input({ where: 'p2' }), 'client', choices, [implicit]))).toMatchObject({ action: 'endpoint_add', path: 2 });
    // a port makes it another endpoint of the same address
    expect(accepted(checkEndpointAdd(input({ where: 'p2', port: '7000', flags: ['signal'] }), 'client', choices, [EP]))).toMatchObject({ port: 7000 });
  });
});

describe('checkFlagToggle / endpointDelete', () => {
  it('turns one flag on or off and names both (iproute2 clears what it is not told)', () => {
    expect(accepted(checkFlagToggle(EP, 'backup', 'client'))).toEqual({ action: 'endpoint_change', ns: 'client', id: 1, flags: ['backup', 'nofullmesh'] });
    const both: PmEndpoint = { ...EP, flags: ['subflow', 'backup', 'fullmesh'] };
    expect(accepted(checkFlagToggle(both, 'backup', 'client'))).toMatchObject({ flags: ['nobackup', 'fullmesh'] });
    expect(accepted(checkFlagToggle(both, 'fullmesh', 'client'))).toMatchObject({ flags: ['backup', 'nofullmesh'] });
    expect(accepted(checkFlagToggle(EP, 'fullmesh', 'client'))).toMatchObject({ flags: ['nobackup', 'fullmesh'] });
  });

  it('refuses fullmesh on a signal or implicit endpoint, and still lets them change backup', () => {
    for (const flags of [['signal'], ['implicit']] as const) {
      const ep: PmEndpoint = { ...EP, id: 4, flags: [...flags] };
      expect(refused(checkFlagToggle(ep, 'fullmesh', 'server'))).toEqual({ field: 'endpoint', key: 'topoHostErrFullmesh', params: { id: 4 } });
      expect(accepted(checkFlagToggle(ep, 'backup', 'server'))).toEqual({ action: 'endpoint_change', ns: 'server', id: 4, flags: ['backup', 'nofullmesh'] });
    }
  });

  it('deletes by id', () => {
    expect(endpointDelete(EP, 'client')).toEqual({ action: 'endpoint_del', ns: 'client', id: 1 });
  });
});

describe('checkLimits', () => {
  const now = { subflows: 2, addAddrAccepted: 0 };
  it('takes whole numbers from 0 to 8 when something changes', () => {
    expect(accepted(checkLimits({ subflows: '3', add_addr_accepted: '0' }, now, 'client'))).toEqual({ action: 'limits', ns: 'client', subflows: 3, add_addr_accepted: 0 });
    expect(accepted(checkLimits({ subflows: '2', add_addr_accepted: '８' }, now, 'server'))).toMatchObject({ add_addr_accepted: 8 });
  });
  it('refuses a limit over 8, empty or not a whole number, on its field, and nothing changed', () => {
    expect(refused(checkLimits({ subflows: '9', add_addr_accepted: '0' }, now, 'client'))).toEqual({ field: 'subflows', key: 'topoHostErrLimit', params: { field: 'subflows', max: 8 } });
    for (const v of ['', '-1', '2.5', 'many']) {
      expect(refused(checkLimits({ subflows: '2', add_addr_accepted: v }, now, 'client'))).toMatchObject({ field: 'add_addr_accepted', key: 'topoHostErrLimit' });
    }
    expect(refused(checkLimits({ subflows: ' 2', add_addr_accepted: '0' }, now, 'client'))).toMatchObject({ field: 'subflows', key: 'topoHostErrNothing' });
  });
});

describe('every refusal has its message in both languages, with the parameters it is given', () => {
  it('uses existing keys whose placeholders the params fill', () => {
    const problems = [
      checkEndpointAdd(input({ where: OTHER_ADDRESS, addr: 'x' }), 'client', choices, []),
      checkEndpointAdd(input({ id: '0' }), 'client', choices, []),
      checkEndpointAdd(input({ id: '1' }), 'client', choices, [EP]),
      checkEndpointAdd(input({ port: '1' }), 'client', choices, []),
      checkFlagToggle({ ...EP, flags: ['signal'] }, 'fullmesh', 'client'),
      checkLimits({ subflows: '10', add_addr_accepted: '0' }, { subflows: 2, addAddrAccepted: 0 }, 'client'),
    ].map(refused);
    for (const p of problems) {
      for (const table of [en, zh] as Record<string, string>[]) {
        const text = table[p.key];
        expect(text, p.key).toBeTypeOf('string');
        const holes = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const h of holes) expect(p.params, `${p.key} {${h}}`).toHaveProperty(h);
      }
    }
  });
});

describe('the commands fork the run and do what they say', () => {
  const t = 500_000_000;
  const trace = simulate(base, { seed: 1, summary: false, viewCaptures: false }).trace;

  function forkWith(iv: HostIntervention): ReturnType<typeof hostStateAt> {
    const sc = valid(JSON.parse(JSON.stringify(withIntervention(base, iv, t))));
    const forked = simulate(sc, { seed: 1, summary: false, viewCaptures: false }).trace;
    return hostStateAt(sc, forked.pmEvents[iv.ns], iv.ns, t);
  }

  it('adds, changes and deletes an endpoint, and sets the limits, at t', () => {
    const before = hostStateAt(base, trace.pmEvents.client, 'client', t);
    expect(before.ns.endpoints.map((e) => e.addr)).toEqual(['10.0.2.1']);
    const added = forkWith(accepted(checkEndpointAdd(input({ flags: [...ADD_FLAGS.filter((f) => f === 'subflow' || f === 'backup')] }), 'client', choices, before.ns.endpoints)));
    expect(added.ns.endpoints.map((e) => [e.addr, e.id, e.dev, e.flags])).toEqual([
      ['10.0.2.1', 1, 'cli-p2', ['subflow']],
      ['10.0.3.1', 2, 'cli-p3', ['subflow', 'backup']],
    ]);
    const changed = forkWith(accepted(checkFlagToggle(before.ns.endpoints[0], 'backup', 'client')));
    expect(changed.ns.endpoints[0].flags).toEqual(['subflow', 'backup']);
    expect(forkWith(endpointDelete(before.ns.endpoints[0], 'client')).ns.endpoints).toEqual([]);
    const limits = forkWith(accepted(checkLimits({ subflows: '4', add_addr_accepted: '3' }, before.ns.limits, 'client')));
    expect(limits.ns.limits).toEqual({ subflows: 4, addAddrAccepted: 3 });
  });
});
