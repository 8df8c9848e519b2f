/**
 * "burst": the BPF example `bpf_burst`, a BPF copy of the kernel's default get_send/get_retrans
 * (kernel.md §6) — here literally the default scheduler under another name, so that choosing it
 * shows the same decisions.
 */
import { defaultScheduler } from './default';
import { describeWith } from './common';
import type { Scheduler } from './types';

export const burstScheduler: Scheduler = { ...defaultScheduler, id: 'burst', titleKey: 'sched.burst.title', describe: describeWith('burst') };
