/**
 * Scenario loading: kernel-ref-scenario/1 text or value → normalised Scenario, or located errors.
 */
export type { ScenarioError, ValidationResult, ValidationOk, ValidationFailed } from './scenario-error';
export { describeErrors } from './scenario-error';
export { validateScenario, MODELLED_SYSCTLS, type ValidateOptions } from './validate';
export { parseScenarioText, parseJsonText, MAX_SCENARIO_BYTES } from './json-source';
export {
  effectiveMptcpSysctls,
  MPTCP_SYSCTL_DEFAULTS,
  MPTCP_SYSCTL_NAMES,
  type MptcpSysctls,
} from './mptcp-sysctls';
export * from './types';
