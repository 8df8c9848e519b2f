/**
 * ADD_ADDR (RFC 8684 §3.4.1):
 *
 *   Kind | Length | Subtype=3 | (rsv 3 bits) E | Address ID |
 *   Address (IPv4: 4 bytes, IPv6: 16 bytes)
 *   Port (2 bytes, optional)
 *   Truncated HMAC (8 bytes; absent when E = 1, the echo)
 *
 * v1 has no IPVer field: the length tells IPv4 from IPv6 and whether a port is present. Lengths:
 * IPv4 16 (18 with port), echo 8 (10); IPv6 28 (30), echo 20 (22) — Linux TCPOLEN_MPTCP_ADD_ADDR*,
 * and its parser accepts exactly these, by E bit.
 *
 * **Padding.** Only the forms with a port are not multiples of 4; Linux writes the port, the HMAC,
 * then NOP NOP (18 → 20 bytes on the wire), or for an echo the port then NOP NOP (10 → 12).
 */
import { get16, put16 } from '../bytes';
import { fail, ok, type Result } from '../errors';
import { addressBytes, ipv4Text, ipv6Text } from './addr-text';
import type { AddAddrOption, MptcpParseContext } from './types';
import { alignedLen, badLength, checkBig, checkHeader, checkUint, ensureRoom, get64, padNops, put64, putHeader } from './codec-util';

const SUBTYPE = 3;

/** Option lengths (RFC 8684 §3.4.1; Linux TCPOLEN_MPTCP_ADD_ADDR*). */
export const ADD_ADDR_LEN = {
  v4: 16,
  v4Port: 18,
  v4Echo: 8,
  v4EchoPort: 10,
  v6: 28,
  v6Port: 30,
  v6Echo: 20,
  v6EchoPort: 22,
} as const;
/** Parts: kind, length, subtype/E, address id. */
export const ADD_ADDR_BASE_LEN = 4;
export const ADD_ADDR_PORT_LEN = 2;
export const ADD_ADDR_HMAC_LEN = 8;
/** Flag E (echo), low bit of byte 2. */
export const ADD_ADDR_FLAG_E = 0x01;

/** The length byte of `rec`. */
export function addAddrLen(rec: AddAddrOption): number {
  return (
    ADD_ADDR_BASE_LEN +
    (rec.ipVersion === 6 ? 16 : 4) +
    (rec.port !== undefined ? ADD_ADDR_PORT_LEN : 0) +
    (rec.echo ? 0 : ADD_ADDR_HMAC_LEN)
  );
}

type Layout = { echo: boolean; v6: boolean; port: boolean };

function layoutOf(len: number): Layout | null {
  switch (len) {
    case ADD_ADDR_LEN.v4:
      return { echo: false, v6: false, port: false };
    case ADD_ADDR_LEN.v4Port:
      return { echo: false, v6: false, port: true };
    case ADD_ADDR_LEN.v6:
      return { echo: false, v6: true, port: false };
    case ADD_ADDR_LEN.v6Port:
      return { echo: false, v6: true, port: true };
    case ADD_ADDR_LEN.v4Echo:
      return { echo: true, v6: false, port: false };
    case ADD_ADDR_LEN.v4EchoPort:
      return { echo: true, v6: false, port: true };
    case ADD_ADDR_LEN.v6Echo:
      return { echo: true, v6: true, port: false };
    case ADD_ADDR_LEN.v6EchoPort:
      return { echo: true, v6: true, port: true };
    default:
      return null;
  }
}

/** Parses one ADD_ADDR option; the length must be one of the E bit's four (RFC 8684 §3.4.1). */
export function parseAddAddr(bytes: Uint8Array, off: number, len: number, _ctx?: MptcpParseContext): Result<AddAddrOption> {
  const e = checkHeader(bytes, off, len, SUBTYPE);
  if (e !== null) return e;
  const lay = layoutOf(len);
  if (lay === null) {
    return badLength(off, SUBTYPE, len, '16, 18, 28 or 30 (announcement); 8, 10, 20 or 22 (echo)');
  }
  const echo = (bytes[off + 2] & ADD_ADDR_FLAG_E) !== 0;
  if (echo !== lay.echo) {
    const want = echo ? '8, 10, 20 or 22' : '16, 18, 28 or 30';
    return fail('mptcp-flag-length-mismatch', off + 1, `ADD_ADDR with E=${echo ? 1 : 0} has length ${len}; it must be ${want}`);
  }
  let i = off + 4;
  const address = lay.v6 ? ipv6Text(bytes, i) : ipv4Text(bytes, i);
  i += lay.v6 ? 16 : 4;
  const rec: AddAddrOption = { subtype: SUBTYPE, kind: 'ADD_ADDR', echo, ipVersion: lay.v6 ? 6 : 4, addressId: bytes[off + 3], address };
  if (lay.port) {
    rec.port = get16(bytes, i);
    i += 2;
  }
  if (!echo) rec.truncatedHmac = get64(bytes, i);
  return ok(rec);
}

/**
 * Writes `rec` and its NOP padding at `out[off..]`; returns the bytes written (length rounded up
 * to 4). An announcement needs `truncatedHmac`; an echo never carries one (Linux sends none), so
 * an echo record's `truncatedHmac`, if any, is not written.
 */
export function emitAddAddr(rec: AddAddrOption, out: Uint8Array, off: number): number {
  if (rec.ipVersion !== 4 && rec.ipVersion !== 6) throw new RangeError(`ADD_ADDR ipVersion must be 4 or 6; got ${String(rec.ipVersion)}`);
  const addr = addressBytes(rec.address, rec.ipVersion);
  if (addr === null) throw new RangeError(`ADD_ADDR address ${JSON.stringify(rec.address)} is not IPv${rec.ipVersion} text`);
  const len = addAddrLen(rec);
  const wire = alignedLen(len);
  ensureRoom(out, off, wire, 'ADD_ADDR');
  putHeader(out, off, len, SUBTYPE, rec.echo ? ADD_ADDR_FLAG_E : 0);
  out[off + 3] = checkUint(rec.addressId, 255, 'ADD_ADDR addressId');
  let i = off + 4;
  out.set(addr, i);
  i += addr.length;
  if (rec.port !== undefined) {
    put16(out, i, checkUint(rec.port, 0xffff, 'ADD_ADDR port'));
    i += 2;
  }
  if (!rec.echo) {
    put64(out, i, checkBig(rec.truncatedHmac, 'ADD_ADDR truncatedHmac (required unless echo)'));
    i += 8;
  }
  padNops(out, i, off + wire);
  return wire;
}
