/**
 * MPTCP v1 option records (RFC 8684 §3): what one TCP option of kind 30 says, in RFC vocabulary.
 *
 * **How records are keyed.** Every record carries both
 * - `subtype`: the numeric subtype from the option's third byte (RFC 8684 §3 / IANA "MPTCP Option
 *   Subtypes": 0 MP_CAPABLE … 8 MP_TCPRST, 0xf MP_EXPERIMENTAL). `Packet.mptcp` is typed
 *   `{ readonly subtype: number } & Record<string, unknown>` (src/core/net/packet.ts), so this field
 *   is what makes every record below a valid `MptcpOptionRecord`; the codec dispatches on it.
 * - `kind`: the subtype's name ('MP_CAPABLE', …, or 'UNKNOWN' for subtypes this codec does not
 *   decode). Switch on `kind` to narrow the union: it is exact, whereas an UNKNOWN record's numeric
 *   `subtype` overlaps the others' literal types.
 *
 * The records are type aliases, not interfaces, so that they are assignable to
 * `Record<string, unknown>` (an interface has no implicit index signature).
 *
 * **Lengths.** `Length` below is the option's own length byte (RFC 8684 figures). On the wire Linux
 * follows every MPTCP option by NOPs up to a multiple of 4 bytes (mptcp_write_options() writes
 * 32-bit words); the padding lives *after* the option, outside its length byte. Each subtype file
 * names its lengths (RFC 8684 figures, Linux TCPOLEN_MPTCP_*) and documents its padding.
 *
 * **Errors.** Parsers return a `WireError` (src/core/wire/errors.ts) with one of these codes:
 * - `mptcp-truncated`: fewer bytes than the option needs (under 3, or past the end of the buffer);
 * - `mptcp-not-mptcp`: the kind byte is not 30;
 * - `mptcp-length-mismatch`: the option's length byte differs from the `len` the caller passed;
 * - `mptcp-wrong-subtype`: a subtype parser was handed another subtype;
 * - `mptcp-bad-length`: a length RFC 8684 does not define for this subtype;
 * - `mptcp-flag-length-mismatch`: the flags announce one layout, the length another (DSS flags,
 *   ADD_ADDR's E bit);
 * - `mptcp-context-mismatch`: the option's form contradicts the segment it rides on (MP_CAPABLE or
 *   MP_JOIN form vs SYN/ACK flags, MP_CAPABLE with data on a segment without payload, MP_TCPRST
 *   without RST); checked only when the caller passes a context.
 */

/** Numeric subtypes (RFC 8684 §3, IANA "MPTCP Option Subtypes"). */
export const MPTCP_SUBTYPE = {
  MP_CAPABLE: 0,
  MP_JOIN: 1,
  DSS: 2,
  ADD_ADDR: 3,
  REMOVE_ADDR: 4,
  MP_PRIO: 5,
  MP_FAIL: 6,
  MP_FASTCLOSE: 7,
  MP_TCPRST: 8,
  MP_EXPERIMENTAL: 0xf,
} as const;

/**
 * MP_CAPABLE flags byte "A B C D E F G H" (RFC 8684 §3.1): A checksum required, B extensibility,
 * C do not join the initial address/port, D–G unassigned (crypto negotiation), H HMAC-SHA256.
 * d..g are optional; absent means 0.
 */
export type MpCapableFlags = {
  a: boolean;
  b: boolean;
  c: boolean;
  d?: boolean;
  e?: boolean;
  f?: boolean;
  g?: boolean;
  h: boolean;
};

/**
 * MP_CAPABLE (RFC 8684 §3.1). The form follows from the fields present, as the length does:
 * SYN (4): no key; SYN/ACK (12): senderKey; third ACK (20): senderKey + receiverKey; first data
 * (22): + dataLevelLength; with DSS checksum (24): + checksum.
 */
export type MpCapableOption = {
  subtype: 0;
  kind: 'MP_CAPABLE';
  /** Low nibble of byte 3; 1 for RFC 8684. */
  version: number;
  flags: MpCapableFlags;
  /** 64-bit key of the sender (SYN/ACK and later). */
  senderKey?: bigint;
  /** 64-bit key of the receiver, echoed back (third ACK and first data). */
  receiverKey?: bigint;
  /** Data-level length of the first data segment, mapped implicitly to IDSN+1 / subflow seq 1. */
  dataLevelLength?: number;
  /** DSS checksum (16 bits as on the wire) when checksums are in use. */
  checksum?: number;
};

/** MP_JOIN on the SYN (RFC 8684 §3.2): Length 12. */
export type MpJoinSynOption = {
  subtype: 1;
  kind: 'MP_JOIN';
  form: 'syn';
  backup: boolean;
  addressId: number;
  /** Token of the receiver's key (32 bits). */
  receiverToken: number;
  /** Sender's random number R_A (32 bits). */
  senderNonce: number;
};

/** MP_JOIN on the SYN/ACK (RFC 8684 §3.2): Length 16. */
export type MpJoinSynAckOption = {
  subtype: 1;
  kind: 'MP_JOIN';
  form: 'synAck';
  backup: boolean;
  addressId: number;
  /** Leftmost 64 bits of HMAC(Key-B‖Key-A, R_B‖R_A). */
  senderTruncatedHmac: bigint;
  /** Sender's random number R_B (32 bits). */
  senderNonce: number;
};

/** MP_JOIN on the third ACK (RFC 8684 §3.2): Length 24, two reserved bytes, then 160 HMAC bits. */
export type MpJoinAckOption = {
  subtype: 1;
  kind: 'MP_JOIN';
  form: 'ack';
  /** Leftmost 160 bits (20 bytes) of HMAC(Key-A‖Key-B, R_A‖R_B). */
  senderHmac: Uint8Array;
};

export type MpJoinOption = MpJoinSynOption | MpJoinSynAckOption | MpJoinAckOption;

/** DSS data sequence mapping (RFC 8684 §3.3.1). */
export type DssMapping = {
  /** Data sequence number (64-bit value; only its low 32 bits go out when `dsn64` is false). */
  dsn: bigint;
  /** Flag m: the DSN is sent in 8 bytes. Linux always sends 64-bit DSNs. */
  dsn64: boolean;
  /** Subflow sequence number, relative to the subflow's ISN (first data byte = 1). */
  subflowSeq: number;
  /** Data-level length in bytes; 0 = infinite mapping (RFC 8684 §3.3.1). */
  dataLevelLength: number;
  /** DSS checksum, present only when checksums were negotiated (RFC 8684 §3.3.1). */
  checksum?: number;
};

/** DSS (RFC 8684 §3.3): Data ACK and/or mapping, DATA_FIN. */
export type DssOption = {
  subtype: 2;
  kind: 'DSS';
  /** Flag F (RFC 8684 §3.3.3). */
  dataFin: boolean;
  /** Data ACK (flag A); 64-bit value, only its low 32 bits go out unless `ack64`. */
  dataAck?: bigint;
  /** Flag a: the Data ACK is sent in 8 bytes. Absent = 4 bytes. Meaningful only with `dataAck`. */
  ack64?: boolean;
  /** Flag M: a data sequence mapping. */
  mapping?: DssMapping;
};

/**
 * ADD_ADDR (RFC 8684 §3.4.1). IPv4 or IPv6 is told by the length (v1 dropped v0's IPVer field);
 * `ipVersion` records it. An announcement carries `truncatedHmac` (rightmost 64 bits of
 * HMAC(Key-sender‖Key-receiver, id‖address‖port)); an echo (E = 1) carries none.
 */
export type AddAddrOption = {
  subtype: 3;
  kind: 'ADD_ADDR';
  echo: boolean;
  ipVersion: 4 | 6;
  addressId: number;
  /** Dotted quad, or RFC 5952 text for IPv6. */
  address: string;
  port?: number;
  truncatedHmac?: bigint;
};

/** REMOVE_ADDR (RFC 8684 §3.4.2): Length 3 + n, n ≥ 1 address ids. */
export type RemoveAddrOption = {
  subtype: 4;
  kind: 'REMOVE_ADDR';
  addressIds: number[];
};

/**
 * MP_PRIO (RFC 8684 §3.3.8): Length 3, flag B only. RFC 6824's optional AddrID byte (Length 4) is
 * gone in v1, and Linux ignores an MP_PRIO whose length is not 3.
 */
export type MpPrioOption = {
  subtype: 5;
  kind: 'MP_PRIO';
  backup: boolean;
};

/** MP_FAIL (RFC 8684 §3.7): Length 12, the 64-bit DSN where the checksum failed. */
export type MpFailOption = {
  subtype: 6;
  kind: 'MP_FAIL';
  dsn: bigint;
};

/** MP_FASTCLOSE (RFC 8684 §3.5): Length 12, the receiver's 64-bit key. */
export type MpFastcloseOption = {
  subtype: 7;
  kind: 'MP_FASTCLOSE';
  receiverKey: bigint;
};

/** MP_TCPRST reason codes (RFC 8684 §3.6, IANA "MPTCP MP_TCPRST Reason Codes"). */
export const MP_TCPRST_REASON = {
  unspecified: 0,
  mptcpError: 1,
  lackOfResources: 2,
  administrativelyProhibited: 3,
  tooMuchOutstandingData: 4,
  unacceptablePerformance: 5,
  middleboxInterference: 6,
} as const;
export type MpTcpRstReasonName = keyof typeof MP_TCPRST_REASON;

const REASON_NAMES: readonly MpTcpRstReasonName[] = [
  'unspecified',
  'mptcpError',
  'lackOfResources',
  'administrativelyProhibited',
  'tooMuchOutstandingData',
  'unacceptablePerformance',
  'middleboxInterference',
];

/** The RFC 8684 §3.6 name of an MP_TCPRST reason code, or null for an unassigned code (7–255). */
export function mpTcpRstReasonName(code: number): MpTcpRstReasonName | null {
  return REASON_NAMES[code] ?? null;
}

/** MP_TCPRST flag T: the error is transient (RFC 8684 §3.6). */
export const MP_TCPRST_FLAG_T = 0x01;

/**
 * MP_TCPRST (RFC 8684 §3.6): Length 4, flags nibble "U V W T" and a reason byte. `transient` is
 * flag T; `flags` is the whole nibble as on the wire (absent = 0). On emit, `transient` decides
 * bit T and `flags` the other three bits.
 */
export type MpTcpRstOption = {
  subtype: 8;
  kind: 'MP_TCPRST';
  transient: boolean;
  flags?: number;
  /** Reason code (0–6 assigned, see MP_TCPRST_REASON); any byte parses. */
  reason: number;
};

/**
 * A kind-30 option whose subtype this codec does not decode (9–14 unassigned, 0xf
 * MP_EXPERIMENTAL). `raw` is the whole option, kind and length bytes included; emitted back as is.
 */
export type UnknownMptcpOption = {
  subtype: number;
  kind: 'UNKNOWN';
  raw: Uint8Array;
};

/** One MPTCP option, discriminated by `kind` (and by the numeric `subtype`). */
export type MptcpOption =
  | MpCapableOption
  | MpJoinOption
  | DssOption
  | AddAddrOption
  | RemoveAddrOption
  | MpPrioOption
  | MpFailOption
  | MpFastcloseOption
  | MpTcpRstOption
  | UnknownMptcpOption;

export type MptcpOptionKind = MptcpOption['kind'];

/**
 * What the option bytes alone cannot tell: the segment they ride on. Parsers check the option's
 * form against it (`mptcp-context-mismatch`); without a context, the form is told by the length,
 * which is unambiguous in v1.
 */
export type MptcpParseContext = {
  /** TCP header flag bits (FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10, …). */
  tcpFlags: number;
  /** TCP payload bytes of the segment; omit when unknown. */
  payloadLen?: number;
};
