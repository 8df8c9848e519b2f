/**
 * English strings of the packet inspector (merged into en.ts; zh twin in inspector.zh.ts).
 *
 * Field names follow Wireshark's (its IPv4, TCP and MPTCP dissectors) so that what a learner reads
 * here is what Wireshark shows for capture.pcapng. Protocol names (TCP, IPv4, MP_CAPABLE, DSS,
 * DATA_FIN …) and option abbreviations stay untranslated in every language.
 */
export const inspectorEn = {
  /** Heading of the packet inspector view. */
  inspHeading: 'Packet inspector',
  /** Shown when no packet is selected. */
  inspEmpty: 'Select a packet in the ladder diagram to see its header fields next to its bytes.',
  /** Shown when the selected packet id is not in the current run (e.g. after a change of scenario). */
  inspMissing: 'The selected packet is not part of this run.',
  /** One-line summary above the tree; {n} frame number in capture.pcapng, {id} simulator packet id, {len} bytes, {iface} interface, {dir} inspInbound/inspOutbound, {t} seconds. */
  inspSummary: 'Frame {n} of capture.pcapng · packet {id} · {len} bytes · {iface} ({dir}) at {t} s',
  /** Label of the chooser between the two capture records of a packet captured on both sides. */
  inspCapturePoint: 'Captured at',
  /** One choice of that chooser; {iface} interface name, {dir} inspInbound/inspOutbound. */
  inspCaptureChoice: '{iface} ({dir})',
  /** Accessible name of the field tree; {n} is the frame number. */
  inspTreeLabel: 'Header fields of frame {n}',
  /** Accessible name of the hex dump; {n} is the frame number. */
  inspBytesLabel: 'Bytes of frame {n} (hex and ASCII)',
  /** Button under the hex dump showing the whole payload; {n} total bytes. */
  inspShowAllBytes: 'Show all {n} bytes',
  /** Button that shortens the hex dump again; {n} bytes kept. */
  inspShowFewerBytes: 'Show only the first {n} bytes',
  /** Buttons that expand or collapse every node of the tree. */
  inspExpandAll: 'Expand all',
  inspCollapseAll: 'Collapse all',
  /** How to use the view, shown under the heading. */
  inspHelp:
    'Hover or focus a field to highlight its bytes; hover a byte to find its field. Tree: ↑ ↓ move, → opens, ← closes. Bytes: arrow keys move, Enter goes to the field.',
  /** Live status of the byte cursor in the hex dump; {offset} like 0x0036, {value} like 0x1e, {field} the field name. */
  inspByteStatus: 'Byte {offset} = {value}: {field}',
  /** The same for a byte no field claims. */
  inspByteNoField: 'Byte {offset} = {value}',
  /** When wire/ cannot emit the packet as bytes; {message} is the internal error (English). */
  inspEmitError: 'This packet cannot be turned into bytes: {message}',
  /** When the bytes do not parse as Ethernet/IPv4/TCP; {message} is the wire error (English). */
  inspParseError: 'The bytes do not parse as IPv4/TCP: {message}',

  /** Tree: the frame as a whole; {n} frame number, {len} bytes. */
  inspFrame: 'Frame {n}: {len} bytes on wire',
  /** Frame: simulated capture time. */
  inspCaptureTime: 'Capture time',
  /** A time value in seconds; {s} is the number. */
  inspSecondsValue: '{s} s',
  /** Frame: the capture interface (srv-p1 …). */
  inspInterface: 'Interface',
  /** Frame: whether the capture point received or sent the frame. */
  inspDirection: 'Direction',
  /** Direction values (pcapng epb_flags). */
  inspInbound: 'inbound',
  inspOutbound: 'outbound',
  /** Frame: its length. */
  inspFrameLength: 'Frame length',
  /** A byte count; {n} is the number. */
  inspBytesValue: '{n} bytes',
  /** Frame: the simulator's packet id (links views). */
  inspPacketId: 'Packet id (simulator)',

  /** Ethernet II header; {src} {dst} MAC addresses. */
  inspEth: 'Ethernet II, Src: {src}, Dst: {dst}',
  inspEthDst: 'Destination',
  inspEthSrc: 'Source',
  inspEthType: 'Type',

  /** IPv4 header; {src} {dst} addresses. */
  inspIp: 'Internet Protocol Version 4, Src: {src}, Dst: {dst}',
  inspIpVersion: 'Version',
  /** Header length field of IPv4 and TCP. */
  inspHeaderLength: 'Header Length',
  /** Value of a header length: {bytes} bytes, {words} 32-bit words as on the wire. */
  inspBytesWords: '{bytes} bytes ({words})',
  inspIpDsfield: 'Differentiated Services Field',
  inspIpTotalLength: 'Total Length',
  inspIpId: 'Identification',
  /** Flags field (IPv4, TCP, MPTCP options). */
  inspFlags: 'Flags',
  /** IPv4 flags value with DF set; {hex} the flags in hex. */
  inspIpFlagsDf: "{hex}, Don't fragment",
  inspIpFlagRb: 'Reserved bit',
  inspIpFlagDf: "Don't fragment",
  inspIpFlagMf: 'More fragments',
  inspIpFragOffset: 'Fragment Offset',
  inspIpTtl: 'Time to Live',
  inspIpProtocol: 'Protocol',
  inspIpChecksum: 'Header Checksum',
  /** A checksum that verifies / does not; {value} the checksum in hex. */
  inspChecksumOk: '{value} [correct]',
  inspChecksumBad: '{value} [incorrect]',
  inspIpSrc: 'Source Address',
  inspIpDst: 'Destination Address',

  /** TCP header with an ACK; all placeholders are numbers (Seq/Ack relative when known). */
  inspTcp: 'Transmission Control Protocol, Src Port: {sport}, Dst Port: {dport}, Seq: {seq}, Ack: {ack}, Len: {len}',
  /** TCP header of a segment without ACK (the first SYN). */
  inspTcpNoAck: 'Transmission Control Protocol, Src Port: {sport}, Dst Port: {dport}, Seq: {seq}, Len: {len}',
  inspTcpSrcPort: 'Source Port',
  inspTcpDstPort: 'Destination Port',
  /** Sequence number relative to the subflow's ISN. */
  inspTcpSeq: 'Sequence Number',
  inspTcpSeqRaw: 'Sequence Number (raw)',
  inspTcpAck: 'Acknowledgment Number',
  inspTcpAckRaw: 'Acknowledgment Number (raw)',
  /** A number relative to its base (ISN, IDSN); {value} is the number. */
  inspRelValue: '{value} (relative)',
  inspTcpFlagRes: 'Reserved',
  inspTcpFlagAe: 'Accurate ECN',
  inspTcpFlagCwr: 'Congestion Window Reduced',
  inspTcpFlagEce: 'ECN-Echo',
  inspTcpFlagUrg: 'Urgent',
  inspTcpFlagAck: 'Acknowledgment',
  inspTcpFlagPsh: 'Push',
  inspTcpFlagRst: 'Reset',
  inspTcpFlagSyn: 'Syn',
  inspTcpFlagFin: 'Fin',
  /** Values of a one-bit flag. */
  inspSet: 'Set',
  inspNotSet: 'Not set',
  inspTcpWindow: 'Window',
  inspTcpChecksum: 'Checksum',
  inspTcpUrgent: 'Urgent Pointer',
  /** The TCP option area; {n} bytes. */
  inspTcpOptions: 'Options ({n} bytes)',
  /** TCP options, Wireshark's titles. */
  inspOptEol: 'TCP Option - End of Option List (EOL)',
  inspOptNop: 'TCP Option - No-Operation (NOP)',
  inspOptMss: 'TCP Option - Maximum segment size: {mss} bytes',
  inspOptWs: 'TCP Option - Window scale: {shift} (multiply by {mult})',
  inspOptSackPerm: 'TCP Option - SACK permitted',
  inspOptSack: 'TCP Option - SACK {ranges}',
  inspOptTs: 'TCP Option - Timestamps: TSval {val}, TSecr {ecr}',
  /** An MPTCP option (kind 30); {name} is its subtype name (MP_CAPABLE, DSS …). */
  inspOptMptcp: 'TCP Option - Multipath TCP: {name}',
  /** An MPTCP option wire/ rejects; {message} the wire error (English). */
  inspOptMptcpBad: 'TCP Option - Multipath TCP, malformed: {message}',
  /** An option kind this view does not decode; {kind} its number. */
  inspOptUnknown: 'TCP Option - Unknown kind {kind}',
  /** An option whose length byte is impossible; {kind} its number. */
  inspOptBad: 'TCP Option - kind {kind} with an impossible length',
  inspKind: 'Kind',
  inspLength: 'Length',
  inspMssValue: 'MSS Value',
  inspWsShift: 'Shift count',
  inspWsMultiplier: 'Multiplier',
  inspSackLeft: 'Left edge',
  inspSackRight: 'Right edge',
  inspTsVal: 'Timestamp value',
  inspTsEcr: 'Timestamp echo reply',
  /** The raw bytes of an option. */
  inspOptionBytes: 'Option bytes',

  /** MPTCP option fields (RFC 8684 §3; Wireshark's names). */
  inspMptcpSubtype: 'Multipath TCP subtype',
  inspMptcpVersion: 'Version',
  inspMpcFlagA: 'A: Checksum required',
  inspMpcFlagB: 'B: Extensibility',
  inspMpcFlagC: 'C: Do not attempt to establish new subflows to this address and port',
  inspMpcFlagDG: 'D–G: Unassigned (crypto negotiation)',
  inspMpcFlagH: 'H: Use HMAC-SHA256',
  inspSenderKey: "Sender's Key",
  inspReceiverKey: "Receiver's Key",
  /** Computed from a key (RFC 8684 §3.1). */
  inspKeyToken: 'Token (from this key)',
  inspKeyIdsn: 'Initial Data Sequence Number (IDSN, from this key)',
  inspDataLevelLength: 'Data-level Length',
  /** Value of a data-level length of 0 (RFC 8684 §3.3.1). */
  inspInfiniteMapping: '0 (infinite mapping)',
  inspDssChecksum: 'DSS Checksum',
  inspBackupFlag: 'Backup flag (B)',
  inspAddressId: 'Address ID',
  inspReceiverToken: "Receiver's Token",
  inspSenderNonce: "Sender's Random Number (nonce)",
  inspSenderTruncHmac: "Sender's Truncated HMAC",
  inspSenderHmac: "Sender's HMAC",
  inspReserved: 'Reserved',
  inspDssFlagF: 'F: DATA_FIN',
  inspDssFlagm: 'm: Data Sequence Number is 8 octets',
  inspDssFlagM: 'M: Data Sequence Number, Subflow Sequence Number, Data-level Length present',
  inspDssFlaga: 'a: Data ACK is 8 octets',
  inspDssFlagA: 'A: Data ACK present',
  /** The Data ACK as sent, and relative to the IDSN of the data it acknowledges. */
  inspDataAck: 'Data ACK (DATA_ACK)',
  inspDataAckRel: 'Data ACK (relative)',
  inspDsn: 'Data Sequence Number (DSN)',
  inspDsnRel: 'Data Sequence Number (relative)',
  inspSsn: 'Subflow Sequence Number (SSN)',
  inspEchoFlag: 'Echo flag (E)',
  inspAddrV4: 'IPv4 address',
  inspAddrV6: 'IPv6 address',
  inspPort: 'Port',
  inspAddAddrHmac: 'Truncated HMAC',
  inspTcprstFlags: 'Flags (U V W T)',
  inspTcprstFlagT: 'T: Transient error',
  inspTcprstReason: 'Reason',
  /** MP_TCPRST reason codes (RFC 8684 §3.6); {code} is the number. */
  inspReason0: 'Unspecified error ({code})',
  inspReason1: 'MPTCP-specific error ({code})',
  inspReason2: 'Lack of resources ({code})',
  inspReason3: 'Administratively prohibited ({code})',
  inspReason4: 'Too much outstanding data ({code})',
  inspReason5: 'Unacceptable performance ({code})',
  inspReason6: 'Middlebox interference ({code})',
  inspReasonUnassigned: 'Unassigned ({code})',
  /** The TCP payload; {n} bytes. */
  inspPayload: 'TCP payload ({n} bytes)',
} as const;
