/**
 * Typed builders for the wire codec's MPTCP option records (src/core/wire/mptcp/types.ts), so the
 * export tests build `Packet.mptcp` entries the compiler checks against the real record types.
 */
import type { AddAddrOption, DssOption, MpCapableOption, MpJoinAckOption, MpJoinSynAckOption, MpJoinSynOption } from '../../../src/core/wire/mptcp';

type Fields<T> = Omit<T, 'subtype' | 'kind' | 'form'>;

/** MP_CAPABLE, v1, H = 1 (HMAC-SHA256) unless `f` says otherwise; keys etc. from `f`. */
export const mpCapable = (f: Partial<Fields<MpCapableOption>> = {}): MpCapableOption => ({
  subtype: 0,
  kind: 'MP_CAPABLE',
  version: 1,
  flags: { a: false, b: false, c: false, h: true },
  ...f,
});

export const joinSyn = (f: Fields<MpJoinSynOption>): MpJoinSynOption => ({ subtype: 1, kind: 'MP_JOIN', form: 'syn', ...f });
export const joinSynAck = (f: Omit<Fields<MpJoinSynAckOption>, 'backup'> & { backup?: boolean }): MpJoinSynAckOption => ({
  subtype: 1,
  kind: 'MP_JOIN',
  form: 'synAck',
  backup: false,
  ...f,
});
export const joinAck = (senderHmac: Uint8Array): MpJoinAckOption => ({ subtype: 1, kind: 'MP_JOIN', form: 'ack', senderHmac });

/** DSS without DATA_FIN unless `f` says otherwise. */
export const dss = (f: Partial<Fields<DssOption>> = {}): DssOption => ({ subtype: 2, kind: 'DSS', dataFin: false, ...f });

/** An IPv4 announcement (E = 0) unless `f` says otherwise. */
export const addAddr = (f: Pick<AddAddrOption, 'addressId' | 'address'> & Partial<Fields<AddAddrOption>>): AddAddrOption => ({
  subtype: 3,
  kind: 'ADD_ADDR',
  echo: false,
  ipVersion: 4,
  ...f,
});
