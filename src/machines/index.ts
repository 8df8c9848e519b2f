/**
 * xstate v5 lifecycle definitions, the bottom layer. The core steps them with the pure
 * `transition()` re-exported here, so that src/core never imports xstate directly.
 */
export { initialTransition, transition } from 'xstate';
export * from './subflow.machine';
export * from './connection.machine';
