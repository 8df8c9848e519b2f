/**
 * MPTCP v1 crypto (RFC 8684 §3.1, §3.2, §3.4.1; Linux net/mptcp/crypto.c, subflow.c, options.c,
 * read for facts only): SHA-256 of a key for the token and IDSN, HMAC-SHA256 for MP_JOIN and
 * ADD_ADDR. Keys are 64-bit values written as 8 big-endian bytes; an HMAC key is the 16 bytes
 * Key1‖Key2. Checked against every connection, join and ADD_ADDR of the kernel-ref captures.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const MASK32 = 0xffffffffn;

function put64(out: Uint8Array, off: number, v: bigint): void {
  const hi = Number((v >> 32n) & MASK32);
  const lo = Number(v & MASK32);
  out[off] = hi >>> 24;
  out[off + 1] = (hi >>> 16) & 255;
  out[off + 2] = (hi >>> 8) & 255;
  out[off + 3] = hi & 255;
  out[off + 4] = lo >>> 24;
  out[off + 5] = (lo >>> 16) & 255;
  out[off + 6] = (lo >>> 8) & 255;
  out[off + 7] = lo & 255;
}

function put32(out: Uint8Array, off: number, v: number): void {
  out[off] = (v >>> 24) & 255;
  out[off + 1] = (v >>> 16) & 255;
  out[off + 2] = (v >>> 8) & 255;
  out[off + 3] = v & 255;
}

function get32(b: Uint8Array, off: number): number {
  return ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
}

function get64(b: Uint8Array, off: number): bigint {
  return (BigInt(get32(b, off)) << 32n) | BigInt(get32(b, off + 4));
}

/** The 8 big-endian bytes of a 64-bit key (taken modulo 2^64). */
export function keyBytes(key: bigint): Uint8Array {
  const b = new Uint8Array(8);
  put64(b, 0, key);
  return b;
}

/** SHA-256 of the key's 8 big-endian bytes (RFC 8684 §3.1). */
export function keyDigest(key: bigint): Uint8Array {
  return sha256(keyBytes(key));
}

/** Token: the most significant 32 bits of SHA-256(key) (RFC 8684 §3.1; Linux mptcp_crypto_key_sha). */
export function keyToToken(key: bigint): number {
  return get32(keyDigest(key), 0);
}

/** Initial data sequence number: the least significant 64 bits of SHA-256(key) (RFC 8684 §3.1). */
export function keyToIdsn(key: bigint): bigint {
  return get64(keyDigest(key), 24);
}

/** Token and IDSN from one hash. */
export function keyToTokenAndIdsn(key: bigint): { token: number; idsn: bigint } {
  const d = keyDigest(key);
  return { token: get32(d, 0), idsn: get64(d, 24) };
}

/** HMAC-SHA256 with key `key1‖key2` (16 big-endian bytes) over `msg`: the full 32 bytes (RFC 8684 §3.2). */
export function mptcpHmac(key1: bigint, key2: bigint, msg: Uint8Array): Uint8Array {
  const k = new Uint8Array(16);
  put64(k, 0, key1);
  put64(k, 8, key2);
  return hmac(sha256, k, msg);
}

function nonces(n1: number, n2: number): Uint8Array {
  const m = new Uint8Array(8);
  put32(m, 0, n1);
  put32(m, 4, n2);
  return m;
}

/**
 * The MP_JOIN SYN/ACK's truncated HMAC, sent by the listener B to the joiner A: the leftmost
 * 64 bits of HMAC(Key-B‖Key-A, R_B‖R_A) (RFC 8684 §3.2).
 */
export function joinSynAckHmac(keyB: bigint, keyA: bigint, nonceB: number, nonceA: number): bigint {
  return get64(mptcpHmac(keyB, keyA, nonces(nonceB, nonceA)), 0);
}

/**
 * The MP_JOIN third ACK's HMAC, sent by the joiner A: the first 160 bits (20 bytes) of
 * HMAC(Key-A‖Key-B, R_A‖R_B) (RFC 8684 §3.2).
 */
export function joinAckHmac(keyA: bigint, keyB: bigint, nonceA: number, nonceB: number): Uint8Array {
  return mptcpHmac(keyA, keyB, nonces(nonceA, nonceB)).slice(0, 20);
}

/**
 * ADD_ADDR's truncated HMAC: the rightmost 64 bits of HMAC(Key-local‖Key-remote,
 * Address ID (1) ‖ address (4 or 16 bytes) ‖ port (2, big-endian, 0 when the option carries none))
 * (RFC 8684 §3.4.1; Linux add_addr_generate_hmac() always includes the 2 port bytes). The sender
 * passes its own key first; a receiver checks with (remote, local). `address` is the address
 * bytes, or an IPv4 address as an unsigned 32-bit integer (the Packet's representation).
 */
export function addAddrHmac(localKey: bigint, remoteKey: bigint, addressId: number, address: Uint8Array | number, port: number): bigint {
  let addr: Uint8Array;
  if (typeof address === 'number') {
    addr = new Uint8Array(4);
    put32(addr, 0, address >>> 0);
  } else addr = address;
  if (addr.length !== 4 && addr.length !== 16) throw new RangeError(`ADD_ADDR address must be 4 or 16 bytes; got ${addr.length}`);
  const msg = new Uint8Array(1 + addr.length + 2);
  msg[0] = addressId & 255;
  msg.set(addr, 1);
  msg[1 + addr.length] = (port >>> 8) & 255;
  msg[2 + addr.length] = port & 255;
  const h = mptcpHmac(localKey, remoteKey, msg);
  return get64(h, h.length - 8);
}
