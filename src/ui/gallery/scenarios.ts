/**
 * The scenario gallery (issue 5, item 7): ready `kernel-ref-scenario/1` files for the three use
 * cases of the Linux kernel's MPTCP documentation (seamless handover, best network selection with a
 * backup path, bandwidth aggregation), fallback through a middlebox, a server-announced address
 * (ADD_ADDR), and plain TCP to compare with. Each runs unchanged on the real kernel with
 * ../shared/kernel-ref (the `sim` key, used by the middlebox one, is carried along and ignored there,
 * so that one falls back only in the simulator).
 *
 * Transfers are small (1–2 MB) so every scenario runs in about a second in the page. The title and
 * the one-paragraph explanation of each are UI strings (src/i18n/features/gallery.*.ts); `expected`
 * is what tests/unit/ui/gallery.test.ts checks a run against.
 */
import type { MessageKey } from '../../i18n/en';
import { ADDR_ADV_SCRIPT, LOWEST_RTT_SCHEDULER_SCRIPT, SSPI_SCRIPT } from '../../core/script/examples';

export interface GalleryEntry {
  /** Stable id (the `name` of the scenario without the `gallery-` prefix). */
  id: string;
  titleKey: MessageKey;
  textKey: MessageKey;
  /** The scenario file, as JSON. */
  scenario: Record<string, unknown>;
  /** What a run of it must show. */
  expected: { mptcp: boolean; subflows: number; kinds: ('MP_CAPABLE' | 'MP_JOIN' | 'TCP')[] };
}

/** Two 10 Mbit/s paths as in kernel-ref's examples: a Wi-Fi-like one (20 ms one-way) and an LTE-like one (40 ms). */
const wifiLte = [
  { name: 'wifi', delay_ms: 20, rate_mbit: 10, queue_pkts: 100 },
  { name: 'lte', delay_ms: 40, rate_mbit: 10, queue_pkts: 100 },
];

const twoSubflowLimits = { subflows: 2, add_addr_accepted: 0 };

export const GALLERY: readonly GalleryEntry[] = [
  {
    id: 'handover',
    titleKey: 'galleryHandoverTitle',
    textKey: 'galleryHandoverText',
    scenario: {
      schema: 'kernel-ref-scenario/1',
      name: 'gallery-handover',
      description:
        'Seamless handover: the upload runs over Wi-Fi and LTE; at t=0.5 s the client loses its Wi-Fi interface. The MPTCP connection survives on the LTE subflow, which also gets the data that was in flight on Wi-Fi (reinjection).',
      seed: 1,
      paths: wifiLte,
      client: { limits: twoSubflowLimits, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
      server: { limits: twoSubflowLimits },
      app: { direction: 'upload', bytes: 1500000, congestion_control: 'cubic' },
      events: [{ at: 0.5, action: 'link_down', path: 1, side: 'client', note: 'Wi-Fi lost' }],
      expect: { mptcp: true, min_subflows: 2, min_subflows_with_payload: 2 },
    },
    expected: { mptcp: true, subflows: 2, kinds: ['MP_CAPABLE', 'MP_JOIN'] },
  },
  {
    id: 'backup',
    titleKey: 'galleryBackupTitle',
    textKey: 'galleryBackupText',
    scenario: {
      schema: 'kernel-ref-scenario/1',
      name: 'gallery-backup',
      description:
        "Best network selection with a backup path: the client's LTE endpoint is flagged 'subflow backup', so its MP_JOIN carries B=1 and the scheduler keeps data on Wi-Fi. At t=0.5 s Wi-Fi becomes a blackhole (100 % loss, the link stays up) and the data moves to the backup subflow.",
      seed: 1,
      paths: [
        { name: 'wifi', delay_ms: 20, rate_mbit: 10, queue_pkts: 100 },
        { name: 'lte-backup', delay_ms: 40, rate_mbit: 10, queue_pkts: 100 },
      ],
      client: { limits: twoSubflowLimits, endpoints: [{ path: 2, flags: ['subflow', 'backup'], id: 1 }] },
      server: { limits: twoSubflowLimits },
      app: { direction: 'upload', bytes: 1000000, congestion_control: 'cubic' },
      events: [{ at: 0.5, action: 'shape', path: 1, dir: 'both', loss_pct: 100, note: 'Wi-Fi blackhole' }],
      expect: { mptcp: true, min_subflows: 2, min_subflows_with_payload: 2 },
    },
    expected: { mptcp: true, subflows: 2, kinds: ['MP_CAPABLE', 'MP_JOIN'] },
  },
  {
    id: 'aggregation',
    titleKey: 'galleryAggregationTitle',
    textKey: 'galleryAggregationText',
    scenario: {
      schema: 'kernel-ref-scenario/1',
      name: 'gallery-aggregation',
      description:
        "Bandwidth aggregation: two 10 Mbit/s paths; the client's 'subflow' endpoint on path 2 makes the in-kernel path manager open a second subflow once the connection is fully established, and the upload uses both.",
      seed: 1,
      paths: wifiLte,
      client: { limits: twoSubflowLimits, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
      server: { limits: twoSubflowLimits },
      app: { direction: 'upload', bytes: 2000000, congestion_control: 'cubic' },
      expect: { mptcp: true, min_subflows: 2, min_subflows_with_payload: 2 },
    },
    expected: { mptcp: true, subflows: 2, kinds: ['MP_CAPABLE', 'MP_JOIN'] },
  },
  {
    id: 'middlebox-fallback',
    titleKey: 'galleryMiddleboxTitle',
    textKey: 'galleryMiddleboxText',
    scenario: {
      schema: 'kernel-ref-scenario/1',
      name: 'gallery-middlebox-fallback',
      description:
        'Fallback through a middlebox: a box on path 1 strips the MP_CAPABLE option from the client\'s SYN, so the server answers as plain TCP and the client falls back to TCP (RFC 8684 §3.7). The second path is never used. The middlebox exists only in the simulator (key "sim").',
      seed: 1,
      paths: wifiLte,
      client: { limits: twoSubflowLimits, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
      server: { limits: twoSubflowLimits },
      app: { direction: 'upload', bytes: 1000000, congestion_control: 'cubic' },
      sim: { middleboxes: [{ path: 1, dir: 'c2s', action: 'strip_options', options: ['MP_CAPABLE'], on: 'syn' }] },
      expect: { mptcp: false, max_subflows: 1 },
    },
    // The server-side capture sees the SYN after the box: without MP_CAPABLE, so a TCP subflow.
    expected: { mptcp: false, subflows: 1, kinds: ['TCP'] },
  },
  {
    id: 'add-addr',
    titleKey: 'galleryAddAddrTitle',
    textKey: 'galleryAddAddrText',
    scenario: {
      schema: 'kernel-ref-scenario/1',
      name: 'gallery-add-addr',
      description:
        "Address announcement: the server has a 'signal' endpoint for its path-2 address, so it sends ADD_ADDR once the connection is fully established; the client has no endpoint but accepts one announced address (add_addr_accepted 1) and joins it.",
      seed: 1,
      paths: wifiLte,
      client: { limits: { subflows: 1, add_addr_accepted: 1 } },
      server: { limits: { subflows: 1, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['signal'], id: 1 }] },
      app: { direction: 'upload', bytes: 1500000, congestion_control: 'cubic' },
      expect: { mptcp: true, min_subflows: 2, min_subflows_with_payload: 2, min_add_addr: 1 },
    },
    expected: { mptcp: true, subflows: 2, kinds: ['MP_CAPABLE', 'MP_JOIN'] },
  },
  {
    id: 'plain-tcp',
    titleKey: 'galleryTcpTitle',
    textKey: 'galleryTcpText',
    scenario: {
      schema: 'kernel-ref-scenario/1',
      name: 'gallery-plain-tcp',
      description:
        'Plain TCP for comparison: the same two paths and the same 2 MB upload as the aggregation scenario, but the client opens an ordinary TCP socket, so only path 1 carries data.',
      seed: 1,
      paths: wifiLte,
      client: { limits: twoSubflowLimits, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
      server: { limits: twoSubflowLimits },
      app: { direction: 'upload', bytes: 2000000, client_proto: 'tcp', congestion_control: 'cubic' },
      expect: { mptcp: false, max_subflows: 1 },
    },
    expected: { mptcp: false, subflows: 1, kinds: ['TCP'] },
  },
  {
    id: 'script-addr-adv',
    titleKey: 'galleryAddrAdvTitle',
    textKey: 'galleryAddrAdvText',
    scenario: {
      schema: 'kernel-ref-scenario/1',
      name: 'gallery-script-addr-adv',
      description: 'A userspace path manager scripted in JavaScript (sim.pm_script, like mptcpd addr_adv): the server announces its path-2 and path-3 addresses; the client joins both.',
      seed: 1,
      paths: [...wifiLte, { name: 'wired', delay_ms: 10, rate_mbit: 10, queue_pkts: 100 }],
      client: { limits: { subflows: 2, add_addr_accepted: 2 } },
      server: { mptcp_sysctl: { path_manager: 'userspace' } },
      app: { direction: 'upload', bytes: 1500000, congestion_control: 'cubic' },
      sim: { pm_script: { side: 'server', source: ADDR_ADV_SCRIPT } },
      expect: { mptcp: true, min_subflows: 3, min_add_addr: 2 },
    },
    expected: { mptcp: true, subflows: 3, kinds: ['MP_CAPABLE', 'MP_JOIN', 'MP_JOIN'] },
  },
  {
    id: 'script-sspi',
    titleKey: 'gallerySspiTitle',
    textKey: 'gallerySspiText',
    scenario: {
      schema: 'kernel-ref-scenario/1',
      name: 'gallery-script-sspi',
      description: 'A userspace path manager scripted in JavaScript (sim.pm_script, like mptcpd sspi): one subflow per client interface, though the server announces two addresses on path 2.',
      seed: 1,
      paths: [wifiLte[0], { ...wifiLte[1], server_extra_addrs: ['10.0.2.3'] }],
      client: { mptcp_sysctl: { path_manager: 'userspace' } },
      server: { limits: { subflows: 2, add_addr_accepted: 0 }, endpoints: [{ path: 2, flags: ['signal'], id: 1 }, { addr: '10.0.2.3', flags: ['signal'], id: 2 }] },
      app: { direction: 'upload', bytes: 1500000, congestion_control: 'cubic' },
      sim: { pm_script: { side: 'client', source: SSPI_SCRIPT } },
      expect: { mptcp: true, min_subflows: 2, max_subflows: 2 },
    },
    expected: { mptcp: true, subflows: 2, kinds: ['MP_CAPABLE', 'MP_JOIN'] },
  },
  {
    id: 'script-scheduler',
    titleKey: 'gallerySchedScriptTitle',
    textKey: 'gallerySchedScriptText',
    scenario: {
      schema: 'kernel-ref-scenario/1',
      name: 'gallery-script-scheduler',
      description: 'A packet scheduler scripted in JavaScript (sim.scheduler_script): the lowest-RTT subflow with window room, as minRTT.',
      seed: 1,
      paths: wifiLte,
      client: { limits: twoSubflowLimits, endpoints: [{ path: 2, flags: ['subflow'], id: 1 }] },
      server: { limits: twoSubflowLimits },
      app: { direction: 'upload', bytes: 1500000, congestion_control: 'cubic' },
      sim: { scheduler_script: { side: 'client', source: LOWEST_RTT_SCHEDULER_SCRIPT } },
      expect: { mptcp: true, min_subflows: 2, min_subflows_with_payload: 2 },
    },
    expected: { mptcp: true, subflows: 2, kinds: ['MP_CAPABLE', 'MP_JOIN'] },
  },
];

/** A gallery scenario as the editor shows it. */
export function galleryText(entry: GalleryEntry): string {
  return `${JSON.stringify(entry.scenario, null, 2)}\n`;
}
