/**
 * The few numbers the summary panel shows, read defensively out of a kernel-ref-summary/1 object
 * (../shared/kernel-ref/README.md, "Summary schema"). A field that is missing, null or of the
 * wrong type becomes null and is shown as "n/a": never invented.
 */
export type DataDir = 'c2s' | 's2c';

export interface SubflowRow {
  /** tshark-style stream index, unique per subflow. */
  stream: number;
  /** `ip:port` of each end, or null when the summary has no four-tuple. */
  fourTuple: { client: string; server: string } | null;
  /** 'MP_CAPABLE' | 'MP_JOIN' | 'TCP' as in the summary. */
  kind: string | null;
  payloadBytes: number | null;
  retransmittedBytes: number | null;
  firstPayloadS: number | null;
  lastPayloadS: number | null;
}

/** The longest pause between two payload packets in the data direction (kernel-ref's `data_gaps_top[0]`). */
export interface DataGapView {
  startS: number;
  endS: number;
  gapS: number;
}

export interface SummaryView {
  /** Direction the application data flows in; per-subflow columns are read in this direction. */
  dataDir: DataDir;
  goodputMbit: number | null;
  durationS: number | null;
  handshakeS: number | null;
  bytesSent: number | null;
  bytesReceived: number | null;
  streamIntact: boolean | null;
  subflows: SubflowRow[];
  /** The longest stall in delivery, or null when the summary lists none. */
  longestGap: DataGapView | null;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function perDir(v: unknown, dir: DataDir): number | null {
  return num(obj(v)?.[dir]);
}

function fourTuple(sf: Obj): SubflowRow['fourTuple'] {
  const ft = obj(sf.four_tuple);
  if (ft && typeof ft.client_ip === 'string' && typeof ft.server_ip === 'string') {
    // an IPv6 address (an imported capture's) goes in brackets before its port (RFC 5952 §6)
    const ep = (ip: string, port: unknown): string => (ip.includes(':') ? `[${ip}]:${String(port)}` : `${ip}:${String(port)}`);
    return { client: ep(ft.client_ip, ft.client_port), server: ep(ft.server_ip, ft.server_port) };
  }
  if (typeof sf.client === 'string' && typeof sf.server === 'string') return { client: sf.client, server: sf.server };
  return null;
}

/** `data_gaps_top` is sorted longest first; its first entry, when it is well formed. */
function longestGap(gaps: unknown): DataGapView | null {
  const g = obj(Array.isArray(gaps) ? gaps[0] : null);
  const startS = num(g?.start_t);
  const endS = num(g?.end_t);
  const gapS = num(g?.gap_s);
  return startS === null || endS === null || gapS === null ? null : { startS, endS, gapS };
}

export function toSummaryView(summary: unknown): SummaryView {
  const s = obj(summary) ?? {};
  const app = obj(s.app) ?? {};
  const dataDir: DataDir =
    s.data_direction === 's2c' || s.data_direction === 'c2s'
      ? s.data_direction
      : app.direction === 'download'
        ? 's2c'
        : 'c2s';
  const subflows = (Array.isArray(s.subflows) ? s.subflows : [])
    .map(obj)
    .filter((sf): sf is Obj => sf !== null)
    .map((sf, i) => ({
      stream: num(sf.stream) ?? i,
      fourTuple: fourTuple(sf),
      kind: typeof sf.kind === 'string' ? sf.kind : null,
      payloadBytes: perDir(sf.payload_bytes, dataDir),
      retransmittedBytes: perDir(sf.retransmitted_payload_bytes, dataDir),
      firstPayloadS: perDir(sf.first_payload_t, dataDir),
      lastPayloadS: perDir(sf.last_payload_t, dataDir),
    }));
  return {
    dataDir,
    goodputMbit: num(app.goodput_mbit),
    durationS: num(app.duration_s),
    handshakeS: num(app.handshake_s),
    bytesSent: num(app.bytes_sent),
    bytesReceived: num(app.bytes_received),
    streamIntact: typeof app.stream_equal === 'boolean' ? app.stream_equal : null,
    subflows,
    longestGap: longestGap(s.data_gaps_top),
  };
}
