/**
 * socket() at start (linux/socket-create.ts): the kernel's errno cases (sim.kernel, net.mptcp.enabled)
 * and forcing MPTCP on a TCP application (sim.force_mptcp: mptcpize, mptcpify, GODEBUG), as whole
 * runs and as the pure rule; plus the located validation errors of both keys.
 */
import { describe, expect, it } from 'vitest';
import { hostKernel, mptcpSocket, openAppSocket } from '../../../src/core/linux/socket-create';
import { validateScenario } from '../../../src/core/scenario/index';
import { simulate } from '../../../src/core';
import { krefRun, krefScenario, validated } from './run-helpers';

type Raw = Record<string, unknown>;
const app = (raw: Raw): Raw => raw.app as Raw;
const sim = (raw: Raw, s: Raw): void => {
  raw.sim = { ...((raw.sim as Raw | undefined) ?? {}), ...s };
};

describe('socket(IPPROTO_MPTCP) and forcing MPTCP (pure rules)', () => {
  const k618 = hostKernel('built', true);

  it('socket(IPPROTO_MPTCP): EINVAL before 5.6, EPROTONOSUPPORT when not built, ENOPROTOOPT when disabled', () => {
    expect(mptcpSocket({ version: [5, 4], built: true, enabled: true })).toEqual({ ok: false, errno: 'EINVAL' });
    expect(mptcpSocket(hostKernel('pre-5.6', true))).toEqual({ ok: false, errno: 'EINVAL' });
    expect(mptcpSocket(hostKernel('absent', true))).toEqual({ ok: false, errno: 'EPROTONOSUPPORT' });
    expect(mptcpSocket(hostKernel('built', false))).toEqual({ ok: false, errno: 'ENOPROTOOPT' });
    expect(mptcpSocket({ version: [5, 6], built: true, enabled: true })).toEqual({ ok: true });
  });

  it('each mechanism turns a TCP socket into MPTCP on 6.18; without one TCP stays TCP', () => {
    for (const m of ['mptcpize', 'mptcpify', 'godebug'] as const) {
      expect(openAppSocket('tcp', m, k618)).toEqual({ proto_socket: 'mptcp', socket_error: null, error: null, forced: m });
    }
    expect(openAppSocket('tcp', null, k618)).toEqual({ proto_socket: 'tcp', socket_error: null, error: null, forced: null });
  });

  it('mptcpize/mptcpify have no fallback: the app\'s socket() fails (kernel-ref retries, fails again)', () => {
    expect(openAppSocket('tcp', 'mptcpize', hostKernel('absent', true))).toEqual({
      proto_socket: null, socket_error: 'EPROTONOSUPPORT', error: 'OSError: [Errno 93] Protocol not supported', forced: 'mptcpize',
    });
    expect(openAppSocket('tcp', 'mptcpify', hostKernel('built', false)).error).toBe('OSError: [Errno 92] Protocol not available');
    // an MPTCP app whose socket() fails retries with TCP, which mptcpize rewrites again
    expect(openAppSocket('mptcp', 'mptcpize', hostKernel('pre-5.6', true)).error).toBe('OSError: [Errno 22] Invalid argument');
  });

  it('mptcpify needs 6.6 (no hook before: TCP stays TCP); Go falls back to TCP silently', () => {
    expect(openAppSocket('tcp', 'mptcpify', hostKernel('pre-5.6', true))).toEqual({ proto_socket: 'tcp', socket_error: null, error: null, forced: null });
    expect(openAppSocket('tcp', 'godebug', hostKernel('built', false))).toEqual({ proto_socket: 'tcp', socket_error: 'ENOPROTOOPT', error: null, forced: null });
    expect(openAppSocket('tcp', 'godebug', hostKernel('pre-5.6', true)).socket_error).toBe('EINVAL');
  });
});

describe('socket() in a run', () => {
  const BYTES = 150_000;

  for (const m of ['mptcpize', 'mptcpify', 'godebug'] as const) {
    it(`${m}: a TCP client app gets an MPTCP socket; the summary says tcp requested, mptcp used`, () => {
      // (not krefRun: it caches by the edit's source text, the same for every m)
      const raw = krefScenario('a_aggregation');
      app(raw).bytes = BYTES;
      app(raw).client_proto = 'tcp';
      sim(raw, { force_mptcp: { client: m } });
      const { trace } = simulate(validated(raw), { captures: false, summary: false, digests: false });
      const c = trace.app.client;
      expect(c.proto_requested).toBe('tcp');
      expect(c.proto_socket).toBe('mptcp');
      expect(c.socket_error).toBeNull();
      expect(c.mptcp_at_start).toBe(true);
      expect(c.error).toBeNull();
      // a real MPTCP connection: the PM opened the second subflow
      expect(trace.pmEvents.client.some((e) => e.type === 'SF_ESTABLISHED')).toBe(true);
    });
  }

  it('godebug on a TCP server: the listener is MPTCP (LISTENER_CREATED), the connection is MPTCP', () => {
    const { trace } = krefRun('a_aggregation', BYTES, (raw) => {
      app(raw).server_proto = 'tcp';
      sim(raw, { force_mptcp: { server: 'godebug' } });
    });
    expect(trace.app.server.proto_socket).toBe('mptcp');
    expect(trace.pmEvents.server[0].type).toBe('LISTENER_CREATED');
    expect(trace.app.server.mptcp_at_start).toBe(true);
  });

  it('without forcing, a TCP client stays TCP (the control case)', () => {
    const { trace } = krefRun('a_aggregation', BYTES, (raw) => {
      app(raw).client_proto = 'tcp';
    });
    expect(trace.app.client.proto_socket).toBe('tcp');
    expect(trace.app.client.mptcp_at_start).toBe(false);
    expect(trace.pmEvents.client).toHaveLength(0);
  });

  it('sim.kernel absent / pre-5.6: socket(IPPROTO_MPTCP) fails, the app uses TCP and the transfer completes', () => {
    // (krefRun caches by the edit's source text, so each case is its own function)
    const absent = (raw: Raw): void => sim(raw, { kernel: { client: { mptcp: 'absent' } } });
    const old = (raw: Raw): void => sim(raw, { kernel: { client: { mptcp: 'pre-5.6' } } });
    for (const [edit, errno] of [[absent, 'EPROTONOSUPPORT'], [old, 'EINVAL']] as const) {
      const { trace } = krefRun('a_aggregation', BYTES, edit);
      expect(trace.app.client).toMatchObject({ proto_requested: 'mptcp', proto_socket: 'tcp', socket_error: errno, error: null, mptcp_at_start: false });
      expect(trace.app.server.bytes_received).toBe(BYTES);
      // the server is still MPTCP; its connection falls back (the SYN has no MP_CAPABLE)
      expect(trace.app.server.proto_socket).toBe('mptcp');
      expect(trace.app.server.mptcp_at_start).toBe(false);
    }
  });

  it('net.mptcp.enabled=0 on the server: ENOPROTOOPT and a TCP listener (kernel-ref make_socket on both roles)', () => {
    const { trace } = krefRun('a_aggregation', BYTES, (raw) => {
      (raw.server as Raw).sysctl = { 'net.mptcp.enabled': 0 };
    });
    expect(trace.app.server).toMatchObject({ proto_socket: 'tcp', socket_error: 'ENOPROTOOPT' });
    expect(trace.pmEvents.server).toHaveLength(0);
  });

  it('mptcpize on a host without MPTCP: the client app fails with OSError, nothing is sent', () => {
    const { trace } = krefRun('a_aggregation', BYTES, (raw) => {
      app(raw).client_proto = 'tcp';
      sim(raw, { force_mptcp: { client: 'mptcpize' }, kernel: { mptcp: 'absent' } });
    });
    expect(trace.app.client).toMatchObject({ proto_socket: null, socket_error: 'EPROTONOSUPPORT', error: 'OSError: [Errno 93] Protocol not supported', bytes_sent: 0, t_done: 0 });
    expect(trace.app.client.t_connect_start).toBeNull();
  });
});

describe('sim.force_mptcp / sim.kernel validation', () => {
  const check = (s: unknown): string[] => {
    const raw = krefScenario('a_aggregation');
    raw.sim = s;
    const v = validateScenario(raw);
    return v.ok ? [] : v.errors.map((e) => `${e.path}: ${e.message}`);
  };

  it('accepts the documented values', () => {
    expect(check({ force_mptcp: { client: 'mptcpize', server: 'godebug' }, kernel: { mptcp: 'pre-5.6', server: { mptcp: 'built' } } })).toEqual([]);
  });

  it('refuses bad values and unknown keys with their JSON path', () => {
    expect(check({ force_mptcp: { client: 'ld_preload' } })).toEqual([
      "scenario.sim.force_mptcp.client: must be one of ['mptcpize', 'mptcpify', 'godebug'], got \"ld_preload\"",
    ]);
    expect(check({ force_mptcp: { both: 'godebug' } })[0]).toBe('scenario.sim.force_mptcp.both: unknown key (allowed: client, server)');
    expect(check({ force_mptcp: 'godebug' })[0]).toMatch(/^scenario\.sim\.force_mptcp: expected an object/);
    expect(check({ kernel: { client: { mptcp: 'off' } } })).toEqual([
      "scenario.sim.kernel.client.mptcp: must be one of ['built', 'absent', 'pre-5.6'], got \"off\"",
    ]);
    expect(check({ kernel: { version: '5.4' } })[0]).toBe('scenario.sim.kernel.version: unknown key (allowed: mptcp, client, server)');
  });
});
