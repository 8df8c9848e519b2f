/**
 * Address and endpoint-flag helpers shared by the path managers, after Linux net/mptcp/pm.c
 * (`mptcp_addresses_equal`, `mptcp_pm_addr_families_match`) and include/uapi/linux/mptcp.h
 * (MPTCP_PM_ADDR_FLAG_*). Addresses are strings: dotted quads for IPv4, anything with a ':'
 * is treated as IPv6.
 */
import type { EndpointFlagName, PmEndpoint } from './types';

/** uapi MPTCP_PM_ADDR_FLAG_* bit values, as `ip mptcp endpoint show` and netlink carry them. */
export const ENDPOINT_FLAG_BITS: Readonly<Record<EndpointFlagName, number>> = {
  signal: 1,
  subflow: 2,
  backup: 4,
  fullmesh: 8,
  implicit: 16,
  laminar: 32,
};

/** Display order of flags (iproute2 prints them in bit order). */
export const ENDPOINT_FLAG_ORDER: readonly EndpointFlagName[] = ['signal', 'subflow', 'backup', 'fullmesh', 'implicit', 'laminar'];

export function hasFlag(ep: { flags: readonly EndpointFlagName[] }, f: EndpointFlagName): boolean {
  return ep.flags.includes(f);
}

/** The endpoint's flags as the uapi bit mask. */
export function flagBits(flags: readonly EndpointFlagName[]): number {
  let b = 0;
  for (const f of flags) b |= ENDPOINT_FLAG_BITS[f];
  return b;
}

/** A flag list in bit order, without duplicates. */
export function flagsFromBits(bits: number): EndpointFlagName[] {
  return ENDPOINT_FLAG_ORDER.filter((f) => (bits & ENDPOINT_FLAG_BITS[f]) !== 0);
}

export type AddrFamily = 4 | 6;

export function addrFamily(addr: string): AddrFamily {
  return addr.includes(':') ? 6 : 4;
}

/**
 * Linux `mptcp_pm_addr_families_match`: an IPv4 MPTCP socket uses only IPv4 local and remote
 * addresses; an IPv6 one (not v6-only) any pair of the same family. `local` null = IPADDRANY, whose
 * family is the remote's (fill_local_address_any). IPv4-mapped IPv6 addresses are not modelled.
 */
export function familiesMatch(sockFamily: AddrFamily, local: string | null, remote: string): boolean {
  const rem = addrFamily(remote);
  const loc = local === null ? rem : addrFamily(local);
  if (sockFamily === 4) return loc === 4 && rem === 4;
  return loc === rem;
}

/**
 * Linux `mptcp_addresses_equal(a, b, use_port)`: same address, and the same port when `usePort`.
 * A null port counts as 0.
 */
export function addressesEqual(a: { addr: string; port: number | null }, b: { addr: string; port: number | null }, usePort: boolean): boolean {
  if (a.addr !== b.addr) return false;
  return !usePort || (a.port ?? 0) === (b.port ?? 0);
}

/** A copy of an endpoint (callers never get the namespace's own objects). */
export function cloneEndpoint(ep: PmEndpoint): PmEndpoint {
  return { id: ep.id, addr: ep.addr, port: ep.port, dev: ep.dev, flags: ep.flags.slice() };
}
