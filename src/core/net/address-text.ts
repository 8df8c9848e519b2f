/**
 * The text of an address a `Packet` holds. Packets carry 32-bit addresses (the simulator is IPv4);
 * an imported capture's IPv6 addresses stand there as placeholders from 240.0.0.0/4 (reserved,
 * never on a real network: src/core/capture/frame-decode.ts AddressBook), and the trace lists
 * their real text (`Trace.addressNames`, RFC 5952 form). Every view names an address through
 * `ipText` / `endpointText`, so an IPv6 capture shows its real addresses, not the placeholders.
 */
import { intToIpv4 } from './packet';

/** Placeholder value → address text (RFC 5952 for IPv6). */
export type AddressNames = ReadonlyMap<number, string>;

/** Where the names live: `Trace.addressNames` (absent for simulated, IPv4-only runs). */
export interface HasAddressNames {
  addressNames?: readonly (readonly [number, string])[];
}

const cache = new WeakMap<readonly (readonly [number, string])[], Map<number, string>>();

/** The trace's placeholder names as a map (built once per trace), or undefined when it has none. */
export function addressNames(trace: HasAddressNames | null | undefined): AddressNames | undefined {
  const list = trace?.addressNames;
  if (!list || list.length === 0) return undefined;
  let m = cache.get(list);
  if (!m) {
    m = new Map(list);
    cache.set(list, m);
  }
  return m;
}

/** The address's text: its IPv6 name when it is a placeholder of the capture, else dotted IPv4. */
export function ipText(v: number, names?: AddressNames): string {
  return names?.get(v) ?? intToIpv4(v);
}

/** `address:port`, with an IPv6 address in brackets (RFC 5952 §6: `[2001:db8::1]:80`). */
export function endpointText(v: number, port: number, names?: AddressNames): string {
  const text = ipText(v, names);
  return text.includes(':') ? `[${text}]:${port}` : `${text}:${port}`;
}
