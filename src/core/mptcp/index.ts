/**
 * MPTCP v1 (RFC 8684): the connection (msk), its subflows, the per-host stack, and the crypto.
 */
export { MptcpConnection, hex8, type StreamApp, type ConnectionTraceEvent, type ConnectionPm } from './connection';
export { MptcpSubflow, dssDataOptionLength, type SubflowKind } from './subflow';
export { MptcpStack, mptcpSysctlFrom, type MptcpSysctl, type StackHooks } from './stack';
export { addOption, findOption, mpCapableFlags } from './options';
export * from './crypto';
