/** Storage keys shared by the playground and the lesson/exercise pages (kept tiny: the playground imports it). */

/** The playground's last run (its scenario file, interventions included), for "write an exercise from this run". */
export const PLAYGROUND_RUN_KEY = 'mptcp-playground.playground-run';
