/**
 * Link-layer framing around IPv4: Ethernet II headers for the frames the simulator writes, and the
 * link types a capture may hold (pcap LINKTYPE_* numbers, tcpdump.org "Link-layer header types").
 *
 * MAC addresses: each simulated interface gets a fixed locally-administered unicast address made
 * from its IPv4 address, `02:00:a:b:c:d` for a.b.c.d (IEEE 802 U/L bit set, I/G bit clear), so the
 * client's and the server's interface on every path keep one address each, like the veth pairs of
 * kernel-ref, and the same run always yields the same frames.
 */
import { ETH_HEADER_LEN } from '../net/packet';
import { get16, put16, put32 } from './bytes';
import { fail, ok, type Result } from './errors';

/** pcap link types this module reads. */
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_LINUX_SLL2 = 276;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_VLAN = 0x8100;
/** Linux "cooked" headers: SLL is 16 bytes with the protocol at 14; SLL2 is 20 with it at 0. */
export const SLL_HEADER_LEN = 16;
export const SLL2_HEADER_LEN = 20;

/** Writes the interface MAC address for IPv4 address `ip` at `out[off..off+6)`. */
export function macForIpv4(ip: number, out: Uint8Array, off: number): void {
  out[off] = 0x02;
  out[off + 1] = 0x00;
  put32(out, off + 2, ip);
}

/** Writes an Ethernet II header (dst MAC, src MAC, ethertype IPv4) for a datagram from `src` to `dst`. */
export function emitEthernetHeader(src: number, dst: number, out: Uint8Array, off: number): void {
  macForIpv4(dst, out, off);
  macForIpv4(src, out, off + 6);
  put16(out, off + 12, ETHERTYPE_IPV4);
}

/**
 * Finds the IPv4 datagram inside a frame of link type `linkType`: returns its offset in `bytes`.
 * Ethernet may carry one 802.1Q tag. Never throws.
 */
export function ipv4Offset(bytes: Uint8Array, linkType: number): Result<number> {
  switch (linkType) {
    case LINKTYPE_ETHERNET: {
      if (bytes.length < ETH_HEADER_LEN) return fail('link-truncated', 0, `Ethernet header needs ${ETH_HEADER_LEN} bytes, ${bytes.length} captured`);
      let type = get16(bytes, 12);
      let off = ETH_HEADER_LEN;
      if (type === ETHERTYPE_VLAN) {
        if (bytes.length < ETH_HEADER_LEN + 4) return fail('link-truncated', 12, '802.1Q tag cut short');
        type = get16(bytes, 16);
        off += 4;
      }
      if (type !== ETHERTYPE_IPV4) return fail('link-not-ipv4', off - 2, `ethertype 0x${hex4(type)} is not IPv4`);
      return ok(off);
    }
    case LINKTYPE_RAW:
    case LINKTYPE_IPV4:
      return ok(0);
    case LINKTYPE_LINUX_SLL: {
      if (bytes.length < SLL_HEADER_LEN) return fail('link-truncated', 0, `Linux SLL header needs ${SLL_HEADER_LEN} bytes, ${bytes.length} captured`);
      const type = get16(bytes, 14);
      if (type !== ETHERTYPE_IPV4) return fail('link-not-ipv4', 14, `SLL protocol 0x${hex4(type)} is not IPv4`);
      return ok(SLL_HEADER_LEN);
    }
    case LINKTYPE_LINUX_SLL2: {
      if (bytes.length < SLL2_HEADER_LEN) return fail('link-truncated', 0, `Linux SLL2 header needs ${SLL2_HEADER_LEN} bytes, ${bytes.length} captured`);
      const type = get16(bytes, 0);
      if (type !== ETHERTYPE_IPV4) return fail('link-not-ipv4', 0, `SLL2 protocol 0x${hex4(type)} is not IPv4`);
      return ok(SLL2_HEADER_LEN);
    }
    default:
      return fail('link-unsupported', 0, `link type ${linkType} is not supported (Ethernet 1, raw IP 101/228, Linux SLL 113/276 are)`);
  }
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, '0');
}
