/**
 * English texts of the packet schedulers (merged into en.ts; zh twin in sched.zh.ts): names, and
 * the "why?" of a decision. Keying: a reason or skip code (src/core/sched/types.ts SchedReason,
 * SchedSkip) means the same for every scheduler, so the texts are `sched.why.<reason>` and
 * `sched.skip.<skip>` (not per scheduler, as `Scheduler.describe` would name them).
 */
export const schedEn = {
  /** Scheduler names (net.mptcp.scheduler / sim.scheduler). */
  'sched.default.title': 'default (Linux)',
  'sched.first.title': 'first (BPF example)',
  'sched.bkup.title': 'bkup (BPF example)',
  'sched.rr.title': 'round-robin (BPF example)',
  'sched.red.title': 'redundant (BPF example)',
  'sched.burst.title': 'burst (BPF example)',
  'sched.minrtt.title': 'minRTT',
  'sched.blest.title': 'BLEST',
  'sched.ecf.title': 'ECF',

  /** Why the scheduler chose what it chose (SchedReason). */
  'sched.why.lowestLinger': 'the non-backup subflow that empties its send queue soonest (lowest linger time)',
  'sched.why.backupOnly': 'no non-backup subflow is usable: the backup that empties its queue soonest',
  'sched.why.noActive': 'no subflow is usable',
  'sched.why.noSendSpace': 'the chosen subflow’s send buffer is full',
  'sched.why.firstIdle': 'retransmission: the first usable idle non-backup subflow',
  'sched.why.backupNoProgress': 'retransmission: a backup subflow, since no subflow made progress',
  'sched.why.firstActive': 'the first usable subflow in list order',
  'sched.why.lowestRtt': 'the usable subflow with the lowest smoothed RTT',
  'sched.why.roundRobin': 'the next usable subflow after the one used last',
  'sched.why.allSubflows': 'every usable subflow carries the data (redundant)',
  'sched.why.fastWouldBlock': 'the slower subflow: waiting for the fast one would not be quicker',
  'sched.why.waiting': 'nothing now: waiting for the fast subflow is quicker',

  /** Why a candidate subflow was passed over (SchedSkip). */
  'sched.skip.notEstablished': 'TCP not established',
  'sched.skip.joinPending': 'join not complete (4th ACK pending)',
  'sched.skip.stale': 'stale: no progress, nothing received since',
  'sched.skip.noPacingRate': 'no pacing rate yet',
  'sched.skip.higherLinger': 'another subflow empties its queue sooner',
  'sched.skip.backupUnused': 'backup, while a non-backup subflow is usable',
  'sched.skip.queuesBusy': 'still has unacknowledged data',
  'sched.skip.laterIdle': 'an earlier idle subflow was taken',
  'sched.skip.backupWithProgress': 'backup, while another subflow makes progress',
  'sched.skip.notFirst': 'an earlier subflow was taken',
  'sched.skip.cwndFull': 'congestion window full',
  'sched.skip.higherRtt': 'a subflow with a lower RTT was taken',
  'sched.skip.notNext': 'not next in the rotation',
  'sched.skip.waitForFast': 'better to wait for the faster subflow',
} as const;
