/**
 * Path managers (RFC 8684 §3.4). The in-kernel one: `PmNamespace` holds what `ip mptcp` edits,
 * `createKernelPm` makes the per-connection policy. See types.ts for the contract with the mechanism.
 */
export type { EndpointFlagName, NamespaceChange, PathManager, PmActions, PmConnectionView, PmEndpoint, PmSubflowView } from './types';
export {
  ERRNO,
  MPTCP_PM_ADDR_MAX,
  MPTCP_PM_MAX_ADDR_ID,
  PmNamespace,
  type EndpointRequest,
  type EndpointTarget,
  type PmErrno,
  type PmError,
  type PmLimits,
  type PmResult,
} from './pm-namespace';
export { ADD_ADDR_RETRANS_MAX, createKernelPm, kernelPathManager, type KernelPathManager, type KernelPmInfo, type KernelPmState, type KernelPmSysctl } from './kernel-pm';
export { ENDPOINT_FLAG_BITS, ENDPOINT_FLAG_ORDER, addressesEqual, flagBits, flagsFromBits, hasFlag } from './pm-addr';
