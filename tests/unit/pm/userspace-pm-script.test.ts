/**
 * `sim.userspace_pm`: the scripted userspace-PM daemon in a scenario. The validator checks the
 * commands' shape with located errors and normalises them (absent ids and ports null, default
 * flags); what the kernel answers with an errno is left to the run.
 */
import { describe, expect, it } from 'vitest';
import { e, errorsOf, validOf } from '../scenario/helpers';

const create = { at: 0.5, ns: 'client', cmd: 'subflow_create', local: { addr: '10.0.2.1', id: 1 }, remote: { addr: '10.0.1.2', port: 5201 } };

describe('sim.userspace_pm validation', () => {
  it('normalises each command: ids and ports null when absent, announce flags [signal], others []', () => {
    const sc = validOf((s) => {
      s.sim = {
        userspace_pm: [
          create,
          { at: 0.6, ns: 'server', cmd: 'announce', local: { addr: '10.0.2.2', id: 2 }, note: 'server announces its path-2 address' },
          { at: 1, ns: 'server', cmd: 'remove', id: 2, token: 12345 },
          { at: 2, ns: 'client', cmd: 'set_flags', local: { addr: '10.0.2.1', flags: ['backup'] }, remote: { addr: '10.0.1.2' } },
          { at: 3, ns: 'client', cmd: 'subflow_destroy', local: { addr: '10.0.2.1', port: 40000 }, remote: { addr: '10.0.1.2', port: 5201 } },
        ],
      };
    }).scenario;
    expect(sc.sim?.userspace_pm).toEqual([
      { at: 0.5, ns: 'client', token: null, cmd: 'subflow_create', local: { addr: '10.0.2.1', id: 1, port: null, flags: [] }, remote: { addr: '10.0.1.2', id: null, port: 5201, flags: [] } },
      { at: 0.6, ns: 'server', token: null, note: 'server announces its path-2 address', cmd: 'announce', local: { addr: '10.0.2.2', id: 2, port: null, flags: ['signal'] } },
      { at: 1, ns: 'server', token: 12345, cmd: 'remove', id: 2 },
      { at: 2, ns: 'client', token: null, cmd: 'set_flags', local: { addr: '10.0.2.1', id: null, port: null, flags: ['backup'] }, remote: { addr: '10.0.1.2', id: null, port: null, flags: [] } },
      { at: 3, ns: 'client', token: null, cmd: 'subflow_destroy', local: { addr: '10.0.2.1', id: null, port: 40000, flags: [] }, remote: { addr: '10.0.1.2', id: null, port: 5201, flags: [] } },
    ]);
  });

  it('keeps what the kernel refuses at run time (id 0, no signal flag, missing ports)', () => {
    const sc = validOf((s) => {
      s.sim = {
        userspace_pm: [
          { at: 1, ns: 'client', cmd: 'announce', local: { addr: '10.0.2.1', id: 0, flags: [] } },
          { at: 1, ns: 'client', cmd: 'subflow_destroy', local: { addr: '10.0.2.1' }, remote: { addr: '10.0.1.2' } },
        ],
      };
    }).scenario;
    expect(sc.sim?.userspace_pm).toHaveLength(2);
  });

  it('locates a bad address, unknown keys, and out-of-range numbers', () => {
    expect(errorsOf((s) => (s.sim = { userspace_pm: [{ ...create, remote: { addr: '10.0.1.300', port: 5201 } }] }))).toEqual([
      e('scenario.sim.userspace_pm[0].remote.addr', "not an IPv4 address: '10.0.1.300'"),
    ]);
    expect(errorsOf((s) => (s.sim = { userspace_pm: [{ ...create, remote: { addr: '10.0.1.2', port: 5201, flags: ['backup'] }, dev: 'x' }] }))).toEqual([
      e('scenario.sim.userspace_pm[0].dev', 'unknown key (allowed: at, ns, cmd, token, note, local, remote)'),
      e('scenario.sim.userspace_pm[0].remote.flags', 'unknown key (allowed: addr, id, port)'),
    ]);
    expect(errorsOf((s) => (s.sim = { userspace_pm: [{ ...create, token: -1, local: { addr: '10.0.2.1', id: 256, port: 70000, flags: ['laminar'] } }] }))).toEqual([
      e('scenario.sim.userspace_pm[0].token', 'must be >= 0, got -1'),
      e('scenario.sim.userspace_pm[0].local.id', 'must be <= 255, got 256'),
      e('scenario.sim.userspace_pm[0].local.port', 'must be <= 65535, got 70000'),
      e('scenario.sim.userspace_pm[0].local.flags', `must be a list drawn from ['signal', 'subflow', 'backup', 'fullmesh'], got ["laminar"]`),
    ]);
  });

  it('requires at, ns, cmd and the attributes of each command', () => {
    expect(errorsOf((s) => (s.sim = { userspace_pm: [{ cmd: 'remove' }] }))).toEqual([
      e('scenario.sim.userspace_pm[0].at', 'is required'),
      e('scenario.sim.userspace_pm[0].ns', 'is required'),
      e('scenario.sim.userspace_pm[0].id', 'is required'),
    ]);
    expect(errorsOf((s) => (s.sim = { userspace_pm: [{ at: 1, ns: 'wire', cmd: 'subflow_create', local: {} }] }))).toEqual([
      e('scenario.sim.userspace_pm[0].ns', `must be one of ['client', 'server'], got "wire"`),
      e('scenario.sim.userspace_pm[0].local.addr', 'is required'),
      e('scenario.sim.userspace_pm[0].remote', 'is required'),
    ]);
    expect(errorsOf((s) => (s.sim = { userspace_pm: [{ at: 1, ns: 'client', cmd: 'announce', local: { addr: '10.0.2.1', id: 1 }, remote: { addr: '10.0.1.2' } }] }))).toEqual([
      e('scenario.sim.userspace_pm[0].remote', 'unknown key (allowed: at, ns, cmd, token, note, local)'),
    ]);
  });

  it('rejects an unknown command and a list of the wrong type', () => {
    expect(errorsOf((s) => (s.sim = { userspace_pm: [{ at: 1, ns: 'client', cmd: 'flush' }] }))).toEqual([
      e('scenario.sim.userspace_pm[0].cmd', `must be one of ['announce', 'remove', 'subflow_create', 'subflow_destroy', 'set_flags'], got "flush"`),
    ]);
    expect(errorsOf((s) => (s.sim = { userspace_pm: { at: 1 } }))).toEqual([e('scenario.sim.userspace_pm', 'must be a list')]);
    expect(errorsOf((s) => (s.sim = { userspace_pm: [1] }))).toEqual([e('scenario.sim.userspace_pm[0]', 'expected an object')]);
    expect(errorsOf((s) => (s.sim = { userspace_pm: [{ ...create, local: [] }] }))).toEqual([e('scenario.sim.userspace_pm[0].local', 'expected an object, got list')]);
  });
});
