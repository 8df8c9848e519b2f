/**
 * The TCP connection state machine (RFC 9293 §3.3.2, Figure 5) as an xstate v5 machine. It is the one
 * source of truth for a subflow's lifecycle state; the core steps it with xstate's pure
 * `transition()` on coarse, semantic events (never bytes, never per data segment), and the UI draws
 * the state diagram from this very definition.
 *
 * Linux differences worth knowing are modelled as Linux does them: a passive open is a child socket
 * created by the listener (it starts in LISTEN and moves to SYN-RECEIVED on the SYN), and TIME-WAIT
 * lasts TCP_TIMEWAIT_LEN (60 s) — the core arms that timer, the machine only names the state.
 */
import { setup } from 'xstate';

export type SubflowEvent =
  | { type: 'CONNECT' } // active open: SYN sent
  | { type: 'SYN_RECEIVED' } // passive open: SYN received, SYN/ACK sent
  | { type: 'SYNACK_RECEIVED' } // active opener got SYN/ACK, sent ACK
  | { type: 'ACK_OF_SYN' } // passive side got the ACK of its SYN/ACK
  | { type: 'CLOSE' } // application close / shutdown(SHUT_WR): FIN sent
  | { type: 'FIN_RECEIVED' } // peer FIN received in sequence
  | { type: 'ACK_OF_FIN' } // our FIN acknowledged
  | { type: 'FIN_ACK_RECEIVED' } // peer FIN and the ACK of ours in one segment
  | { type: 'TIMEWAIT_EXPIRED' }
  | { type: 'RST_RECEIVED' }
  | { type: 'ABORT' }; // local reset or retransmissions exhausted

/** Display names (RFC 9293 spelling), separate from code names. */
export const TCP_STATE_DISPLAY: Record<string, string> = {
  closed: 'CLOSED',
  listen: 'LISTEN',
  synSent: 'SYN-SENT',
  synReceived: 'SYN-RECEIVED',
  established: 'ESTABLISHED',
  finWait1: 'FIN-WAIT-1',
  finWait2: 'FIN-WAIT-2',
  closing: 'CLOSING',
  timeWait: 'TIME-WAIT',
  closeWait: 'CLOSE-WAIT',
  lastAck: 'LAST-ACK',
};

/** Linux `tcp_info.tcpi_state` numbers (include/net/tcp_states.h). */
export const LINUX_TCP_STATE: Record<string, number> = {
  established: 1,
  synSent: 2,
  synReceived: 3,
  finWait1: 4,
  finWait2: 5,
  timeWait: 6,
  closed: 7,
  closeWait: 8,
  lastAck: 9,
  listen: 10,
  closing: 11,
};

const reset = { RST_RECEIVED: 'closed', ABORT: 'closed' } as const;

export const subflowMachine = setup({
  types: { events: {} as SubflowEvent },
}).createMachine({
  id: 'tcp',
  initial: 'closed',
  states: {
    closed: { on: { CONNECT: 'synSent', SYN_RECEIVED: 'synReceived' } },
    listen: { on: { SYN_RECEIVED: 'synReceived', CLOSE: 'closed', ABORT: 'closed' } },
    synSent: { on: { SYNACK_RECEIVED: 'established', CLOSE: 'closed', ...reset } },
    synReceived: { on: { ACK_OF_SYN: 'established', CLOSE: 'finWait1', ...reset } },
    established: { on: { CLOSE: 'finWait1', FIN_RECEIVED: 'closeWait', ...reset } },
    finWait1: {
      on: { ACK_OF_FIN: 'finWait2', FIN_RECEIVED: 'closing', FIN_ACK_RECEIVED: 'timeWait', ...reset },
    },
    finWait2: { on: { FIN_RECEIVED: 'timeWait', ...reset } },
    closing: { on: { ACK_OF_FIN: 'timeWait', ...reset } },
    timeWait: { on: { TIMEWAIT_EXPIRED: 'closed', ...reset } },
    closeWait: { on: { CLOSE: 'lastAck', ...reset } },
    lastAck: { on: { ACK_OF_FIN: 'closed', ...reset } },
  },
});

export type SubflowStateName = keyof typeof TCP_STATE_DISPLAY;
