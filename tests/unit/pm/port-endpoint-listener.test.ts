/**
 * A `signal` endpoint with a port gets its own listener (Linux pm_kernel.c
 * mptcp_pm_nl_create_listen_socket): joins to the announced ADDR:PORT are accepted on either host
 * (subflow.c subflow_check_req / subflow_syn_recv_sock / subflow_finish_connect count MPJoinPort*),
 * an MP_CAPABLE or plain SYN to it is refused with MP_TCPRST reason 3 (subflow_reset_req_endp,
 * MPCapableEndpAttempt), and a join to a port the connection never announced is refused with a
 * plain RST (mptcp_pm_sport_in_anno_list, MismatchPortSynRx).
 */
import { describe, expect, it } from 'vitest';
import { ACK, RST, SYN, ipv4ToInt, type Packet } from '../../../src/core/net/packet';
import { SEC } from '../../../src/core/sim/time';
import { optionOf, runExchange, twoPathUpload } from '../../helpers/exchange';

const serverPort = (extra: Record<string, unknown> = {}) =>
  twoPathUpload(2_000_000, {
    client: { limits: { subflows: 1, add_addr_accepted: 1 } },
    server: { limits: { subflows: 1, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['signal'], id: 1, port: 10200 }] },
    ...extra,
  });

describe('server signal endpoint with a port', () => {
  const x = runExchange(serverPort());

  it('accepts the join to the announced address and port, counting the port joins on both sides', () => {
    expect(x.trace.status).toBe('ok');
    const synToPort = x.caps('server').filter((c) => c.pkt.flags & SYN && !(c.pkt.flags & ACK) && c.pkt.dport === 10200);
    expect(synToPort).toHaveLength(1);
    expect(optionOf(synToPort[0].pkt, 'MP_JOIN')).toBeDefined();
    expect(x.mib('server')).toMatchObject({ MPJoinSynRx: 1, MPJoinPortSynRx: 1, MPJoinAckRx: 1, MPJoinPortAckRx: 1 });
    expect(x.mib('client')).toMatchObject({ MPJoinSynAckRx: 1, MPJoinPortSynAckRx: 1 });
    expect(x.mib('server').MismatchPortSynRx ?? 0).toBe(0);
    // the listener side's local id is the endpoint's (looked up with the port)
    expect(x.trace.pmEvents.server.find((e) => e.type === 'SF_ESTABLISHED')?.attrs).toMatchObject({ locid: '1', sport: '10200', saddr4: '10.0.2.2' });
  });

  it('carries data on the joined subflow', () => {
    const onPort = x.caps('server').filter((c) => c.dir === 'c2s' && c.pkt.dport === 10200 && c.pkt.payloadLen > 0);
    expect(onPort.length).toBeGreaterThan(100);
  });
});

describe('client signal endpoint with a port', () => {
  const x = runExchange(
    twoPathUpload(2_000_000, {
      client: { limits: { subflows: 1, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['signal'], id: 1, port: 10100 }] },
      server: { limits: { subflows: 1, add_addr_accepted: 1 } },
    }),
  );

  it("lets the server open the subflow: the client's listener accepts its join", () => {
    expect(x.trace.status).toBe('ok');
    expect(x.mib('server')).toMatchObject({ PortAdd: 1, MPJoinSynTx: 1, MPJoinSynAckRx: 1, MPJoinPortSynAckRx: 1 });
    expect(x.mib('client')).toMatchObject({ MPJoinSynRx: 1, MPJoinPortSynRx: 1, MPJoinAckRx: 1, MPJoinPortAckRx: 1 });
    // SF_ESTABLISHED once on each side: the server at the SYN/ACK, the client at the third ACK
    expect(x.pmEventTypes('client').filter((t) => t === 'SF_ESTABLISHED')).toHaveLength(1);
    expect(x.pmEventTypes('server').filter((t) => t === 'SF_ESTABLISHED')).toHaveLength(1);
    expect(x.trace.pmEvents.client.find((e) => e.type === 'SF_ESTABLISHED')?.attrs).toMatchObject({ locid: '1', sport: '10100' });
    const onPort = x.caps('server').filter((c) => c.dir === 'c2s' && c.pkt.sport === 10100 && c.pkt.payloadLen > 0);
    expect(onPort.length).toBeGreaterThan(100);
  });
});

/** A SYN from 10.0.2.1:40000 to the server's endpoint listener 10.0.2.2:10200. */
function synTo(p: Packet, sport: number): Packet {
  p.src = ipv4ToInt('10.0.2.1');
  p.dst = ipv4ToInt('10.0.2.2');
  p.sport = sport;
  p.dport = 10200;
  p.flags = SYN;
  p.seq = 1000;
  return p;
}

describe("SYNs the endpoint's listener refuses", () => {
  const x = runExchange(serverPort(), (s) => {
    s.at(0.5 * SEC, (now) => {
      // an MP_CAPABLE SYN and a plain TCP SYN: never accepted there (subflow_reset_req_endp)
      const mpc = synTo(s.world.newPacket(), 40000);
      mpc.mptcp = [{ subtype: 0, kind: 'MP_CAPABLE', version: 1, flags: { a: false, b: false, c: false, h: true } } as never];
      s.world.server.input(mpc, 2, now);
      s.world.server.input(synTo(s.world.newPacket(), 40001), 2, now);
    });
  });
  const rstTo = (sport: number) => x.caps('server').filter((c) => c.dir === 's2c' && c.pkt.flags & RST && c.pkt.dport === sport);

  it('answers an MP_CAPABLE or plain SYN with MP_TCPRST reason 3 (MPCapableEndpAttempt), counting no MPRstTx', () => {
    for (const sport of [40000, 40001]) {
      const r = rstTo(sport);
      expect(r).toHaveLength(1);
      expect(optionOf(r[0].pkt, 'MP_TCPRST')?.reason).toBe(3);
    }
    expect(x.mib('server')).toMatchObject({ MPCapableEndpAttempt: 2 });
    expect(x.mib('server').MPRstTx ?? 0).toBe(0);
  });

});

describe('a join to a port the connection never announced', () => {
  // the userspace PM announces nothing unless told: the endpoint's listener exists, its port is in no
  // connection's announce list (mptcp_pm_sport_in_anno_list)
  const x = runExchange(serverPort({ server: { mptcp_sysctl: { path_manager: 'userspace' }, endpoints: [{ path: 2, flags: ['signal'], id: 1, port: 10200 }] } }), (s) => {
    s.at(0.5 * SEC, (now) => {
      const join = synTo(s.world.newPacket(), 40002);
      join.mptcp = [{ subtype: 1, kind: 'MP_JOIN', form: 'syn', backup: false, addressId: 7, receiverToken: s.conn('server')!.localToken, senderNonce: 99 } as never];
      s.world.server.input(join, 2, now);
    });
  });

  it('is answered with a plain RST (MismatchPortSynRx)', () => {
    const r = x.caps('server').filter((c) => c.dir === 's2c' && c.pkt.flags & RST && c.pkt.dport === 40002);
    expect(r).toHaveLength(1);
    expect(r[0].pkt.mptcp ?? []).toEqual([]);
    expect(x.mib('server')).toMatchObject({ MPJoinSynRx: 1, MismatchPortSynRx: 1 });
    expect(x.mib('server').MPJoinPortSynRx ?? 0).toBe(0);
    expect(x.trace.status).toBe('ok');
  });
});
