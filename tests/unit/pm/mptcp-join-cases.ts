/**
 * The cases of Linux's tools/testing/selftests/net/mptcp/mptcp_join.sh (6.18) ported here, with the selftest's own
 * expectations (chk_join_nr, chk_add_nr / chk_add_tx_nr, chk_rm_nr / chk_rm_tx_nr, chk_prio_nr), and the check
 * of those expectations against any source of MPTcpExt counters: the kernel-PM pair of mptcp-join.test.ts, a
 * simulated run, or a real-kernel run (tests/fidelity/join-vs-kernel.test.ts). ns1 is the server (10.0.N.1), ns2
 * the client (10.0.N.2).
 */
import type { EndpointRequest, PmLimits } from '../../../src/core/pm/pm-namespace';
import type { EndpointFlagName } from '../../../src/core/pm/types';
import type { PairConfig, PmPair } from './pm-pair';
/** pm_nl_set_limits NS ADD_ADDR_ACCEPTED SUBFLOWS */
export const limits = (addAddrAccepted: number, subflows: number): Partial<PmLimits> => ({ addAddrAccepted, subflows });
export const ep = (addr: string, flags: string, extra: Partial<EndpointRequest> = {}): EndpointRequest => ({ addr, flags: flags.split(',') as EndpointFlagName[], ...extra });

export interface Steps {
  addrNrNs1?: number;
  addrNrNs2?: number;
  /** run_tests fullmesh=N: addr_nr_ns2=N with subflow,fullmesh endpoints */
  fullmesh?: number;
  sflags?: EndpointFlagName[];
}

export interface JoinCase {
  name: string;
  pair: PairConfig;
  steps?: Steps;
  /** extra steps of tests that do more than run_tests (e.g. an endpoint added after a failure) */
  after?: (p: PmPair) => void;
  join: [number, number, number];
  synTx?: number;
  synRej?: number;
  bindErr?: number;
  connectErr?: number;
  add?: [number, number];
  addInvert?: [number, number];
  addTx?: [number, number];
  rm?: [number, number];
  rmInvert?: [number, number];
  /** rm with `simult`: [RmAddr, min RmSubflow of both sides summed] */
  rmSimult?: [number, number];
  rmInvertSimult?: [number, number];
  rmTx?: number;
  /** chk_prio_nr: ns1 MPPrioTx, ns1 MPPrioRx, ns1 MPJoinSynBackupRx, ns2 MPJoinSynAckBackupRx */
  prio?: [number, number, number, number];
}

export const cases: JoinCase[] = [
  // ------------------------------------------------------------ subflows_tests
  { name: 'no JOIN', pair: {}, join: [0, 0, 0] },
  {
    name: 'single subflow, limited by client',
    pair: { server: { limits: limits(0, 0) }, client: { limits: limits(0, 0), endpoints: [ep('10.0.3.2', 'subflow')] } },
    join: [0, 0, 0],
  },
  {
    name: 'single subflow, limited by server',
    pair: { server: { limits: limits(0, 0) }, client: { limits: limits(0, 1), endpoints: [ep('10.0.3.2', 'subflow')] } },
    join: [1, 1, 0],
    synRej: 1,
  },
  {
    name: 'single subflow',
    pair: { server: { limits: limits(0, 1) }, client: { limits: limits(0, 1), endpoints: [ep('10.0.3.2', 'subflow')] } },
    join: [1, 1, 1],
  },
  {
    name: 'multiple subflows',
    pair: { server: { limits: limits(0, 2) }, client: { limits: limits(0, 2), endpoints: [ep('10.0.3.2', 'subflow'), ep('10.0.2.2', 'subflow')] } },
    join: [2, 2, 2],
  },
  {
    name: 'multiple subflows, limited by server',
    pair: { server: { limits: limits(0, 1) }, client: { limits: limits(0, 2), endpoints: [ep('10.0.3.2', 'subflow'), ep('10.0.2.2', 'subflow')] } },
    join: [2, 2, 1],
    synRej: 1,
  },
  // ------------------------------------------------------------ subflows_error_tests
  {
    name: 'no MPC reuse with single endpoint',
    pair: { server: { limits: limits(0, 1) }, client: { limits: limits(0, 1), endpoints: [ep('10.0.1.2', 'subflow'), ep('10.0.12.2', 'subflow')] } },
    join: [0, 0, 0],
    bindErr: 1,
  },
  {
    name: 'multi subflows, with failing subflow',
    pair: { rejectFrom: ['10.0.3.2'], server: { limits: limits(0, 2) }, client: { limits: limits(0, 2), endpoints: [ep('10.0.3.2', 'subflow'), ep('10.0.2.2', 'subflow')] } },
    join: [1, 1, 1],
    synTx: 2,
  },
  {
    name: 'multi subflows, fair usage on close',
    pair: { rejectFrom: ['10.0.3.2'], server: { limits: limits(0, 1) }, client: { limits: limits(0, 1), endpoints: [ep('10.0.3.2', 'subflow')] } },
    after: (p) => {
      p.client.ns.add(ep('10.0.2.2', 'subflow'));
      p.run();
    },
    join: [1, 1, 1],
    synTx: 2,
  },
  // ------------------------------------------------------------ signal_address_tests
  {
    name: 'unused signal address',
    pair: { server: { endpoints: [ep('10.0.2.1', 'signal')] } },
    join: [0, 0, 0],
    addTx: [1, 1],
    add: [1, 1],
  },
  {
    name: 'signal address',
    pair: { server: { limits: limits(0, 1), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 1) } },
    join: [1, 1, 1],
    add: [1, 1],
  },
  {
    name: 'subflow and signal',
    pair: { server: { limits: limits(0, 2), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 2), endpoints: [ep('10.0.3.2', 'subflow')] } },
    join: [2, 2, 2],
    add: [1, 1],
  },
  {
    name: 'subflow and signal together',
    pair: { server: { limits: limits(0, 2) }, client: { limits: limits(0, 2), endpoints: [ep('10.0.3.2', 'signal,subflow')] } },
    join: [1, 1, 1],
    addInvert: [1, 1],
    add: [0, 0],
  },
  {
    name: 'multiple subflows and signal',
    pair: {
      server: { limits: limits(0, 3), endpoints: [ep('10.0.2.1', 'signal')] },
      client: { limits: limits(1, 3), endpoints: [ep('10.0.3.2', 'subflow'), ep('10.0.4.2', 'subflow')] },
    },
    join: [3, 3, 3],
    add: [1, 1],
  },
  {
    name: 'signal addresses',
    pair: { server: { limits: limits(3, 3), endpoints: [ep('10.0.2.1', 'signal'), ep('10.0.3.1', 'signal'), ep('10.0.4.1', 'signal')] }, client: { limits: limits(3, 3) } },
    join: [3, 3, 3],
    add: [3, 3],
  },
  {
    name: 'signal invalid addresses',
    pair: { server: { limits: limits(3, 3), endpoints: [ep('10.0.12.1', 'signal'), ep('10.0.3.1', 'signal'), ep('10.0.14.1', 'signal')] }, client: { limits: limits(3, 3) } },
    join: [1, 1, 1],
    synTx: 3,
    add: [3, 3],
  },
  {
    name: 'signal addresses race test',
    pair: {
      server: { limits: limits(4, 4), addAddrTimeoutS: 1, endpoints: ['10.0.1.1', '10.0.2.1', '10.0.3.1', '10.0.4.1'].map((a) => ep(a, 'signal')) },
      client: { limits: limits(4, 4), endpoints: ['10.0.1.2', '10.0.2.2', '10.0.3.2', '10.0.4.2'].map((a) => ep(a, 'signal')) },
    },
    join: [3, 3, 3],
    // the server does not announce the address of the MPC subflow
    add: [3, 3],
  },
  // ------------------------------------------------------------ laminar_endp_tests (6.18), reset_with_tcp_filter ns1 10.0.2.2 REJECT
  {
    name: 'without a laminar endpoint',
    pair: { rejectFrom: ['10.0.2.2'], server: { limits: limits(0, 2), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(2, 2) } },
    join: [0, 0, 0],
    synTx: 1,
    add: [1, 1],
  },
  {
    name: 'with a laminar endpoint',
    pair: { rejectFrom: ['10.0.2.2'], server: { limits: limits(0, 2), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(2, 2), endpoints: [ep('10.0.3.2', 'laminar')] } },
    join: [1, 1, 1],
    add: [1, 1],
  },
  {
    name: 'with multiple laminar endpoints',
    pair: {
      rejectFrom: ['10.0.2.2'],
      server: { limits: limits(0, 2), endpoints: [ep('10.0.2.1', 'signal'), ep('10.0.3.1', 'signal')] },
      client: { limits: limits(2, 2), endpoints: [ep('dead:beef:3::2', 'laminar'), ep('10.0.3.2', 'laminar'), ep('10.0.4.2', 'laminar')] },
    },
    join: [2, 2, 2],
    add: [2, 2],
  },
  {
    name: 'single laminar endpoint',
    pair: {
      rejectFrom: ['10.0.2.2'],
      server: { limits: limits(0, 2), endpoints: [ep('10.0.2.1', 'signal'), ep('10.0.3.1', 'signal')] },
      client: { limits: limits(2, 2), endpoints: [ep('10.0.3.2', 'laminar')] },
    },
    join: [1, 1, 1],
    add: [2, 2],
  },
  {
    name: 'sublow + laminar endpoints',
    pair: {
      rejectFrom: ['10.0.2.2'],
      server: { limits: limits(0, 4), endpoints: [ep('10.0.2.1', 'signal')] },
      client: { limits: limits(2, 4), endpoints: [ep('10.0.1.2', 'subflow,laminar'), ep('10.0.3.2', 'subflow,laminar')] },
    },
    join: [1, 1, 1],
    add: [1, 1],
  },
  // ------------------------------------------------------------ mixed_tests
  {
    name: 'IPv4 sockets do not use IPv6 addresses',
    pair: { server: { limits: limits(0, 1), endpoints: [ep('dead:beef:2::1', 'signal')] }, client: { limits: limits(1, 1) } },
    join: [0, 0, 0],
  },
  // ------------------------------------------------------------ add_addr_timeout_tests
  {
    name: 'signal address, ADD_ADDR timeout',
    pair: { server: { limits: limits(0, 1), addAddrTimeoutS: 1, endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 1), dropOutgoingAddAddr: true } },
    join: [1, 1, 1],
    addTx: [4, 4],
    add: [4, 0],
  },
  {
    name: 'signal addresses, ADD_ADDR timeout',
    pair: { server: { limits: limits(2, 2), addAddrTimeoutS: 1, endpoints: [ep('10.0.2.1', 'signal'), ep('10.0.3.1', 'signal')] }, client: { limits: limits(2, 2), dropOutgoingAddAddr: true } },
    join: [2, 2, 2],
    add: [8, 0],
  },
  {
    name: 'invalid address, ADD_ADDR timeout',
    pair: { server: { limits: limits(2, 2), addAddrTimeoutS: 1, endpoints: [ep('10.0.12.1', 'signal'), ep('10.0.3.1', 'signal')] }, client: { limits: limits(2, 2), dropOutgoingAddAddr: true } },
    join: [1, 1, 1],
    synTx: 2,
    add: [8, 0],
  },
  // ------------------------------------------------------------ remove_tests
  {
    name: 'remove single subflow',
    pair: { server: { limits: limits(0, 1) }, client: { limits: limits(0, 1), endpoints: [ep('10.0.3.2', 'subflow,backup')] } },
    steps: { addrNrNs2: -1 },
    join: [1, 1, 1],
    rmTx: 1,
    rm: [1, 1],
  },
  {
    name: 'remove multiple subflows',
    pair: { server: { limits: limits(0, 2) }, client: { limits: limits(0, 2), endpoints: [ep('10.0.2.2', 'subflow,backup'), ep('10.0.3.2', 'subflow,backup')] } },
    steps: { addrNrNs2: -2 },
    join: [2, 2, 2],
    rm: [2, 2],
  },
  {
    name: 'remove single address',
    pair: { server: { limits: limits(0, 1), endpoints: [ep('10.0.2.1', 'signal,backup')] }, client: { limits: limits(1, 1) } },
    steps: { addrNrNs1: -1 },
    join: [1, 1, 1],
    add: [1, 1],
    rmInvert: [1, 1],
  },
  {
    name: 'remove subflow and signal',
    pair: { server: { limits: limits(0, 2), endpoints: [ep('10.0.2.1', 'signal,backup')] }, client: { limits: limits(1, 2), endpoints: [ep('10.0.3.2', 'subflow,backup')] } },
    steps: { addrNrNs1: -1, addrNrNs2: -1 },
    join: [2, 2, 2],
    add: [1, 1],
    rm: [1, 1],
  },
  {
    name: 'remove subflows and signal',
    pair: {
      server: { limits: limits(0, 3), endpoints: [ep('10.0.2.1', 'signal,backup')] },
      client: { limits: limits(1, 3), endpoints: [ep('10.0.3.2', 'subflow,backup'), ep('10.0.4.2', 'subflow,backup')] },
    },
    steps: { addrNrNs1: -1, addrNrNs2: -2 },
    join: [3, 3, 3],
    add: [1, 1],
    rm: [2, 2],
  },
  {
    name: 'remove addresses',
    pair: {
      server: { limits: limits(3, 3), endpoints: [ep('10.0.2.1', 'signal,backup', { id: 250 }), ep('10.0.3.1', 'signal,backup'), ep('10.0.4.1', 'signal,backup')] },
      client: { limits: limits(3, 3) },
    },
    steps: { addrNrNs1: -3 },
    join: [3, 3, 3],
    add: [3, 3],
    rmInvert: [3, 3],
  },
  {
    name: 'remove invalid addresses',
    pair: {
      connectError: ['224.0.0.1'],
      server: { limits: limits(3, 3), endpoints: [ep('10.0.12.1', 'signal,backup'), ep('224.0.0.1', 'signal,backup'), ep('10.0.3.1', 'signal,backup')] },
      client: { limits: limits(2, 2) },
    },
    steps: { addrNrNs1: -3 },
    join: [1, 1, 1],
    synTx: 2,
    connectErr: 1,
    add: [3, 3],
    rmInvert: [3, 1],
  },
  {
    name: 'flush subflows and signal',
    pair: {
      server: { limits: limits(0, 3), endpoints: [ep('10.0.2.1', 'signal,backup')] },
      client: { limits: limits(1, 3), endpoints: [ep('10.0.3.2', 'subflow,backup'), ep('10.0.4.2', 'subflow,backup')] },
    },
    steps: { addrNrNs1: -8, addrNrNs2: -8 },
    join: [3, 3, 3],
    add: [1, 1],
    rmInvertSimult: [1, 3],
  },
  {
    name: 'flush subflows',
    pair: {
      server: { limits: limits(3, 3) },
      client: { limits: limits(3, 3), endpoints: [ep('10.0.2.2', 'subflow,backup', { id: 150 }), ep('10.0.3.2', 'subflow,backup'), ep('10.0.4.2', 'subflow,backup')] },
    },
    steps: { addrNrNs1: -8, addrNrNs2: -8 },
    join: [3, 3, 3],
    rmTx: 0,
    rmSimult: [0, 3],
  },
  {
    name: 'flush addresses',
    pair: {
      server: { limits: limits(3, 3), endpoints: [ep('10.0.2.1', 'signal,backup', { id: 250 }), ep('10.0.3.1', 'signal,backup'), ep('10.0.4.1', 'signal,backup')] },
      client: { limits: limits(3, 3) },
    },
    steps: { addrNrNs1: -8, addrNrNs2: -8 },
    join: [3, 3, 3],
    add: [3, 3],
    rmInvertSimult: [3, 3],
  },
  {
    name: 'flush invalid addresses',
    pair: {
      server: { limits: limits(3, 3), endpoints: [ep('10.0.12.1', 'signal,backup'), ep('10.0.3.1', 'signal,backup'), ep('10.0.14.1', 'signal,backup')] },
      client: { limits: limits(3, 3) },
    },
    steps: { addrNrNs1: -8 },
    join: [1, 1, 1],
    synTx: 3,
    add: [3, 3],
    rmInvert: [3, 1],
  },
  {
    name: 'remove id 0 subflow',
    pair: { server: { limits: limits(0, 1) }, client: { limits: limits(0, 1), endpoints: [ep('10.0.3.2', 'subflow')] } },
    steps: { addrNrNs2: -9 },
    join: [1, 1, 1],
    rm: [1, 1],
  },
  {
    name: 'remove id 0 address',
    pair: { server: { limits: limits(0, 1), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 1) } },
    steps: { addrNrNs1: -9 },
    join: [1, 1, 1],
    add: [1, 1],
    rmInvert: [1, 1],
  },
  // ------------------------------------------------------------ add_tests
  { name: 'add single subflow', pair: { server: { limits: limits(0, 1) }, client: { limits: limits(0, 1) } }, steps: { addrNrNs2: 1 }, join: [1, 1, 1] },
  { name: 'add signal address', pair: { server: { limits: limits(0, 1) }, client: { limits: limits(1, 1) } }, steps: { addrNrNs1: 1 }, join: [1, 1, 1], add: [1, 1] },
  { name: 'add multiple subflows', pair: { server: { limits: limits(0, 2) }, client: { limits: limits(0, 2) } }, steps: { addrNrNs2: 2 }, join: [2, 2, 2] },
  // ------------------------------------------------------------ backup_tests
  {
    name: 'single subflow, backup',
    pair: { server: { limits: limits(0, 1) }, client: { limits: limits(0, 1), endpoints: [ep('10.0.3.2', 'subflow,backup')] } },
    steps: { sflags: [] },
    join: [1, 1, 1],
    prio: [0, 1, 1, 0],
  },
  {
    name: 'single address, backup',
    pair: { server: { limits: limits(0, 1), endpoints: [ep('10.0.2.1', 'signal,backup')] }, client: { limits: limits(1, 1) } },
    steps: { sflags: [] },
    join: [1, 1, 1],
    add: [1, 1],
    prio: [1, 0, 0, 1],
  },
  {
    name: 'single address, switch to backup',
    pair: { server: { limits: limits(0, 1), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 1) } },
    steps: { sflags: ['backup'] },
    join: [1, 1, 1],
    add: [1, 1],
    prio: [1, 1, 0, 0],
  },
  { name: 'mpc backup', pair: { client: { endpoints: [ep('10.0.1.2', 'subflow,backup')] } }, join: [0, 0, 0], prio: [0, 1, 0, 0] },
  { name: 'mpc switch to backup', pair: { client: { endpoints: [ep('10.0.1.2', 'subflow')] } }, steps: { sflags: ['backup'] }, join: [0, 0, 0], prio: [0, 1, 0, 0] },
  {
    name: 'mpc switch to backup both sides',
    pair: { server: { endpoints: [ep('10.0.1.1', 'subflow')] }, client: { endpoints: [ep('10.0.1.2', 'subflow')] } },
    steps: { sflags: ['backup'] },
    join: [0, 0, 0],
    prio: [1, 1, 0, 0],
  },
  // ------------------------------------------------------------ deny_join_id0_tests (reset_with_allow_join_id0 ns1 ns2)
  {
    name: 'single subflow allow join id0 ns1',
    pair: { server: { limits: limits(1, 1) }, client: { limits: limits(1, 1), allowJoinInitialAddrPort: false, endpoints: [ep('10.0.3.2', 'subflow')] } },
    join: [1, 1, 1],
  },
  {
    name: 'signal address allow join id0 ns1',
    pair: { server: { limits: limits(1, 1), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 1), allowJoinInitialAddrPort: false } },
    join: [1, 1, 1],
    add: [1, 1],
  },
  {
    name: 'subflow and address allow join id0 1',
    pair: {
      server: { limits: limits(2, 2), endpoints: [ep('10.0.2.1', 'signal')] },
      client: { limits: limits(2, 2), allowJoinInitialAddrPort: false, endpoints: [ep('10.0.3.2', 'subflow')] },
    },
    join: [2, 2, 2],
  },
  {
    name: 'single subflow allow join id0 ns2',
    pair: { server: { limits: limits(1, 1), allowJoinInitialAddrPort: false }, client: { limits: limits(1, 1), endpoints: [ep('10.0.3.2', 'subflow')] } },
    join: [0, 0, 0],
  },
  {
    name: 'signal address allow join id0 ns2',
    pair: { server: { limits: limits(1, 1), allowJoinInitialAddrPort: false, endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 1) } },
    join: [1, 1, 1],
    add: [1, 1],
  },
  {
    name: 'subflow and address allow join id0 2',
    pair: {
      server: { limits: limits(2, 2), allowJoinInitialAddrPort: false, endpoints: [ep('10.0.2.1', 'signal')] },
      client: { limits: limits(2, 2), endpoints: [ep('10.0.3.2', 'subflow')] },
    },
    join: [1, 1, 1],
  },
  {
    name: 'default limits, server deny join id 0',
    pair: {
      server: { limits: limits(0, 2), allowJoinInitialAddrPort: false, endpoints: [ep('10.0.2.1', 'signal')] },
      client: { limits: limits(0, 2), endpoints: [ep('10.0.3.2', 'subflow'), ep('10.0.4.2', 'subflow')] },
    },
    join: [2, 2, 2],
  },
  // ------------------------------------------------------------ fullmesh_tests
  {
    name: 'fullmesh test 2x1',
    pair: { server: { limits: limits(0, 4) }, client: { limits: limits(1, 4), endpoints: [ep('10.0.2.2', 'subflow,fullmesh'), ep('10.0.3.2', 'subflow,fullmesh')] } },
    steps: { addrNrNs1: 1 },
    join: [4, 4, 4],
    add: [1, 1],
  },
  {
    name: 'fullmesh test 1x1',
    pair: { server: { limits: limits(1, 3), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 3), endpoints: [ep('10.0.1.2', 'subflow,fullmesh')] } },
    steps: { fullmesh: 1 },
    join: [3, 3, 3],
    add: [1, 1],
  },
  {
    name: 'fullmesh test 1x2',
    pair: { server: { limits: limits(2, 5), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 5) } },
    steps: { fullmesh: 2 },
    join: [5, 5, 5],
    add: [1, 1],
  },
  {
    name: 'fullmesh test 1x2, limited',
    pair: { server: { limits: limits(2, 4), endpoints: [ep('10.0.2.1', 'signal')] }, client: { limits: limits(1, 4) } },
    steps: { fullmesh: 2 },
    join: [4, 4, 4],
    add: [1, 1],
  },
  {
    name: 'set fullmesh flag test',
    pair: { server: { limits: limits(4, 4), endpoints: [ep('10.0.2.1', 'subflow')] }, client: { limits: limits(4, 4) } },
    steps: { addrNrNs2: 1, sflags: ['fullmesh'] },
    join: [2, 2, 2],
    rm: [0, 1],
  },
  {
    name: 'set nofullmesh flag test',
    pair: { server: { limits: limits(4, 4), endpoints: [ep('10.0.2.1', 'subflow,fullmesh')] }, client: { limits: limits(4, 4) } },
    steps: { fullmesh: 1, sflags: [] },
    join: [2, 2, 2],
    rm: [0, 1],
  },
  {
    name: 'set backup,fullmesh flags test',
    pair: { server: { limits: limits(4, 4), endpoints: [ep('10.0.2.1', 'subflow')] }, client: { limits: limits(4, 4) } },
    steps: { addrNrNs2: 1, sflags: ['backup', 'fullmesh'] },
    join: [2, 2, 2],
    prio: [0, 1, 1, 0],
    rm: [0, 1],
  },
  {
    name: 'set nobackup,nofullmesh flags test',
    pair: { server: { limits: limits(4, 4) }, client: { limits: limits(4, 4), endpoints: [ep('10.0.2.2', 'subflow,backup,fullmesh')] } },
    steps: { sflags: [] },
    join: [2, 2, 2],
    prio: [0, 1, 1, 0],
    rm: [0, 1],
  },
];

/** One expectation of the selftest: what it names, the counter values it reads, and whether they are what it wants. */
export interface SelftestCheck {
  label: string;
  got: number | number[];
  want: number | number[] | string;
  ok: boolean;
}

/** MPTcpExt counter `name` of one side ('client' = ns2, 'server' = ns1), 0 when it never moved. */
export type CounterOf = (side: 'client' | 'server', name: string) => number;

/**
 * The selftest's checks of case `c` on counters `count`, as mptcp_join.sh makes them: chk_join_nr (server
 * MPJoinSynRx, client MPJoinSynAckRx, server MPJoinAckRx, server MPJoinRejected, client MPJoinSynTx and its
 * errors), chk_add_nr (client AddAddr, server EchoAdd; `invert` the other way round), chk_add_tx_nr, chk_rm_nr
 * (server RmAddr, client RmSubflow; `invert` the other way round; `simult` allows either side's RmSubflow up to
 * twice), chk_rm_tx_nr, chk_prio_nr.
 */
export function selftestChecks(c: JoinCase, count: CounterOf): SelftestCheck[] {
  const out: SelftestCheck[] = [];
  const eq = (label: string, got: number[], want: number[]) => out.push({ label, got, want, ok: got.every((v, i) => v === want[i]) });
  eq('chk_join_nr syn/synack/ack', [count('server', 'MPJoinSynRx'), count('client', 'MPJoinSynAckRx'), count('server', 'MPJoinAckRx')], c.join);
  eq('syn rejected', [count('server', 'MPJoinRejected')], [c.synRej ?? 0]);
  eq('join syn tx', [count('client', 'MPJoinSynTx')], [c.synTx ?? c.join[0]]);
  eq('join bind error', [count('client', 'MPJoinSynTxBindErr')], [c.bindErr ?? 0]);
  eq('join connect error', [count('client', 'MPJoinSynTxConnectErr')], [c.connectErr ?? 0]);
  if (c.add) eq('chk_add_nr', [count('client', 'AddAddr'), count('server', 'EchoAdd')], c.add);
  if (c.addInvert) eq('chk_add_nr invert', [count('server', 'AddAddr'), count('client', 'EchoAdd')], c.addInvert);
  if (c.addTx) eq('chk_add_tx_nr', [count('server', 'AddAddrTx'), count('client', 'EchoAddTx')], c.addTx);
  if (c.rm) eq('chk_rm_nr', [count('server', 'RmAddr'), count('client', 'RmSubflow')], c.rm);
  if (c.rmInvert) eq('chk_rm_nr invert', [count('client', 'RmAddr'), count('server', 'RmSubflow')], c.rmInvert);
  for (const [want, invert] of [
    [c.rmSimult, false],
    [c.rmInvertSimult, true],
  ] as const) {
    if (!want) continue;
    const [addrSide, subflowSide] = invert ? (['client', 'server'] as const) : (['server', 'client'] as const);
    eq('chk_rm_nr simult rm addr', [count(addrSide, 'RmAddr')], [want[0]]);
    const both = count(subflowSide, 'RmSubflow') + count(addrSide, 'RmSubflow');
    out.push({ label: 'chk_rm_nr simult rm subflow', got: both, want: `${want[1]}–${want[1] * 2}`, ok: both >= want[1] && both <= want[1] * 2 });
  }
  if (c.rmTx !== undefined) eq('chk_rm_tx_nr', [count('client', 'RmAddrTx')], [c.rmTx]);
  if (c.prio) eq('chk_prio_nr', [count('server', 'MPPrioTx'), count('server', 'MPPrioRx'), count('server', 'MPJoinSynBackupRx'), count('client', 'MPJoinSynAckBackupRx')], c.prio);
  return out;
}
