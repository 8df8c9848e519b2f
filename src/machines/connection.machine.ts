/**
 * The MPTCP connection (Linux's msk) lifecycle as an xstate v5 machine, RFC 8684 §3.1 (MP_CAPABLE),
 * §3.3.3 (DATA_FIN closing), §3.5 (MP_FASTCLOSE), §3.7 (fallback). Linux uses TCP state names for
 * the MPTCP socket; like Linux it has no TIME-WAIT and no SYN-RECEIVED (accepted sockets are born
 * ESTABLISHED), and the DATA_FIN exchange drives FIN-WAIT/CLOSING/LAST-ACK at the data level.
 *
 * "Fully established" is a substate: the client after the 4th packet of the MP_CAPABLE exchange
 * (anything from the server with a DSS DATA_ACK), the server on the third ACK. Only then may the
 * path manager open additional subflows (kernel.md §2).
 */
import { setup } from 'xstate';

export type ConnectionEvent =
  | { type: 'CONNECT' } // MP_CAPABLE SYN sent
  | { type: 'SYNACK_MP_CAPABLE' } // SYN/ACK echoed MP_CAPABLE with the server key
  | { type: 'ACCEPTED' } // server: third ACK with both keys (mptcp_sk_clone_init)
  | { type: 'FULLY_ESTABLISHED' } // client: first DSS DATA_ACK (or ADD_ADDR) from the server
  | { type: 'FALLBACK'; reason: string } // to plain TCP (RFC 8684 §3.7)
  | { type: 'CLOSE' } // application close/shutdown: DATA_FIN sent
  | { type: 'DATA_FIN_RECEIVED' }
  | { type: 'DATA_FIN_ACKED' }
  | { type: 'FASTCLOSE' } // MP_FASTCLOSE sent or received
  | { type: 'ALL_SUBFLOWS_CLOSED' }
  | { type: 'RESET' };

export const CONNECTION_STATE_DISPLAY: Record<string, string> = {
  closed: 'CLOSED',
  synSent: 'SYN-SENT',
  established: 'ESTABLISHED',
  'established.preEstablished': 'ESTABLISHED (pre-established)',
  'established.fullyEstablished': 'ESTABLISHED (fully established)',
  finWait1: 'FIN-WAIT-1',
  finWait2: 'FIN-WAIT-2',
  closing: 'CLOSING',
  closeWait: 'CLOSE-WAIT',
  lastAck: 'LAST-ACK',
  fallback: 'FALLBACK (plain TCP)',
};

const abort = { FASTCLOSE: 'closed', RESET: 'closed' } as const;

export const connectionMachine = setup({
  types: { events: {} as ConnectionEvent },
}).createMachine({
  id: 'mptcp',
  initial: 'closed',
  states: {
    closed: { on: { CONNECT: 'synSent', ACCEPTED: 'established.fullyEstablished', FALLBACK: 'fallback' } },
    synSent: { on: { SYNACK_MP_CAPABLE: 'established.preEstablished', FALLBACK: 'fallback', ...abort } },
    established: {
      initial: 'preEstablished',
      states: {
        preEstablished: { on: { FULLY_ESTABLISHED: 'fullyEstablished' } },
        fullyEstablished: {},
      },
      on: { CLOSE: 'finWait1', DATA_FIN_RECEIVED: 'closeWait', FALLBACK: 'fallback', ...abort },
    },
    finWait1: { on: { DATA_FIN_ACKED: 'finWait2', DATA_FIN_RECEIVED: 'closing', FALLBACK: 'fallback', ...abort } },
    finWait2: { on: { DATA_FIN_RECEIVED: 'closed', ...abort } },
    closing: { on: { DATA_FIN_ACKED: 'closed', ...abort } },
    closeWait: { on: { CLOSE: 'lastAck', FALLBACK: 'fallback', ...abort } },
    lastAck: { on: { DATA_FIN_ACKED: 'closed', ...abort } },
    fallback: { on: { ALL_SUBFLOWS_CLOSED: 'closed', ...abort } },
  },
});
