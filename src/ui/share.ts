/**
 * Share links (issue 5, item 8; design.md §3 "Sharing is serialising scenario + seed + interventions
 * into the URL"). The page's hash holds one parameter, `#run=<format>.<data>`:
 *
 *   z.<base64url(deflate-raw(JSON))>   the usual form (CompressionStream)
 *   j.<base64url(JSON)>                the same without compression (browsers without it)
 *
 * The JSON is `{ v: 1, scenario, seed?, interventions?, view? }`: the scenario as the editor's text
 * (so number spellings such as `100.0` survive), the seed the run used, interventions (scenario
 * events added to the scenario's `events`, for links made by tools), and the view (cursor time in ns,
 * the host and the subflow shown in the state diagrams). The run is deterministic, so opening the
 * link reproduces it exactly.
 *
 * A link comes from anyone. Decoding never throws and never trusts it: size limits before and
 * after inflating (no zip bomb), strict base64url, strict UTF-8, JSON only, no `__proto__` /
 * `constructor` / `prototype` key anywhere, every field type-checked, and the scenario validated
 * like a typed-in one. Every failure is one ShareError: a code (the page explains it in its
 * language) and a located technical detail.
 */
import { MAX_SCENARIO_BYTES, parseScenarioText, validateScenario } from '../core/scenario';
import { unsupportedFeatures } from '../core/sim/supported';
import type { Side } from '../core/sim/trace';
import { INTERVENTION_NOTE } from '../viz/timeline-scenario';
import type { ScenarioProblem } from './worker-protocol';

/** The hash parameter that carries a run. */
export const SHARE_PARAM = 'run';
export const SHARE_VERSION = 1;
/** Longest accepted `<format>.<data>` value, in characters (a 2 MB scenario deflates far below this). */
export const MAX_LINK_CHARS = 1_500_000;
/** Largest accepted JSON after inflating: a maximal scenario text plus room for the rest. */
export const MAX_PAYLOAD_BYTES = MAX_SCENARIO_BYTES + 256 * 1024;
/** Most interventions a link may carry. */
export const MAX_INTERVENTIONS = 1000;
/** Deepest JSON nesting accepted (a scenario needs about 6). */
export const MAX_DEPTH = 64;
/** Keys that could reach an object's prototype if some code ever copied the value with assignment. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

export interface ShareView {
  /** Cursor time, ns of simulated time. */
  t: number;
  /** Host of the state diagrams. */
  side: Side;
  /** Socket number of the subflow shown, or null for the host's first. */
  sock: number | null;
}

export interface SharedRun {
  /** Scenario JSON text (kernel-ref-scenario/1), interventions already merged into its events. */
  scenarioText: string;
  /** Seed of the run; null: the scenario's own. */
  seed: number | null;
  /** Scenario events added on top of the scenario (already in scenarioText after decoding). */
  interventions: Record<string, unknown>[];
  view: ShareView;
}

export type ShareErrorCode =
  | 'too-long'
  | 'bad-format'
  | 'bad-base64'
  | 'bad-compression'
  | 'too-large'
  | 'bad-text'
  | 'bad-json'
  | 'forbidden-key'
  | 'bad-field'
  | 'bad-version'
  | 'invalid-scenario';

export const SHARE_ERROR_CODES: readonly ShareErrorCode[] = [
  'too-long',
  'bad-format',
  'bad-base64',
  'bad-compression',
  'too-large',
  'bad-text',
  'bad-json',
  'forbidden-key',
  'bad-field',
  'bad-version',
  'invalid-scenario',
];

export interface ShareError {
  code: ShareErrorCode;
  /** Where in the link: `link`, `link.view.t`, `link.scenario`… */
  path: string;
  /** Technical detail in English (the page shows a translated explanation of `code` above it). */
  message: string;
  /** For `invalid-scenario`: the scenario's own located problems. */
  problems?: ScenarioProblem[];
}

export type ShareDecodeResult = { ok: true; run: SharedRun } | { ok: false; error: ShareError };

const fail = (code: ShareErrorCode, path: string, message: string, problems?: ScenarioProblem[]): ShareDecodeResult => ({
  ok: false,
  error: problems ? { code, path, message, problems } : { code, path, message },
});

// ---------------------------------------------------------------- base64url

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Bytes → base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return out;
}

/** Strict base64url (no padding, no whitespace) → bytes, or the reason it is not. */
export function fromBase64Url(text: string): Uint8Array | string {
  if (text.length % 4 === 1) return `length ${text.length} is not a base64 length`;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c] : -1;
    if (v < 0) return `character ${JSON.stringify(text[i])} at position ${i} is not base64url`;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
    acc &= 0xff;
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return 'the last character has bits set that encode nothing (not canonical base64url)';
  return out.subarray(0, o);
}

// ---------------------------------------------------------------- (de)compression

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]).stream();
}

/** (De)compression streams as byte transforms (the DOM and Node typings disagree on their chunk types). */
type ByteTransform = TransformStream<Uint8Array, Uint8Array>;

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const out = streamOf(bytes).pipeThrough(new CompressionStream('deflate-raw') as unknown as ByteTransform);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Inflate at most `cap` bytes: 'too-large' beyond, the engine's message for corrupt data. */
export async function inflateRaw(bytes: Uint8Array, cap: number): Promise<Uint8Array | { error: 'too-large' | 'corrupt'; message: string }> {
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = streamOf(bytes)
      .pipeThrough(new DecompressionStream('deflate-raw') as unknown as ByteTransform)
      .getReader();
  } catch (e) {
    return { error: 'corrupt', message: e instanceof Error ? e.message : String(e) };
  }
  const chunks: Uint8Array[] = [];
  let n = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.length;
      if (n > cap) {
        reader.cancel().catch(() => undefined);
        return { error: 'too-large', message: `inflates to more than ${cap} bytes` };
      }
      chunks.push(value);
    }
  } catch (e) {
    return { error: 'corrupt', message: e instanceof Error ? e.message : String(e) };
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

export function compressionAvailable(): boolean {
  return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

// ---------------------------------------------------------------- encode

/**
 * A run's editor text split into the scenario and the interventions made in the views (its events
 * marked INTERVENTION_NOTE), so a link carries them apart: scenario + seed + interventions. Decoding
 * appends them to the events again; the validator's stable sort by time puts every one back where it
 * was. Text that is not a JSON object, or has no intervention, is kept whole.
 */
export function splitInterventions(text: string): { scenarioText: string; interventions: Record<string, unknown>[] } {
  const whole = { scenarioText: text, interventions: [] };
  const obj = parseJsonValue(text);
  if (!isPlainObject(obj) || !Array.isArray(obj.events)) return whole;
  const isIntervention = (e: unknown): boolean => isPlainObject(e) && e.note === INTERVENTION_NOTE;
  const interventions = obj.events.filter(isIntervention) as Record<string, unknown>[];
  if (interventions.length === 0) return whole;
  const rest = { ...obj, events: obj.events.filter((e) => !isIntervention(e)) };
  return { scenarioText: `${JSON.stringify(rest, null, 2)}\n`, interventions };
}

/** The `<format>.<data>` value of a run (compressed when the browser can). */
export async function encodeShare(run: SharedRun, compress = compressionAvailable()): Promise<string> {
  const payload: Record<string, unknown> = { v: SHARE_VERSION, scenario: run.scenarioText };
  if (run.seed !== null) payload.seed = run.seed;
  if (run.interventions.length > 0) payload.interventions = run.interventions;
  payload.view = { t: Math.max(0, Math.round(run.view.t)), side: run.view.side, ...(run.view.sock === null ? {} : { sock: run.view.sock }) };
  const bytes = new TextEncoder().encode(JSON.stringify(payload));
  return compress ? `z.${toBase64Url(await deflateRaw(bytes))}` : `j.${toBase64Url(bytes)}`;
}

/** `base` (any URL) with its hash replaced by the share parameter. */
export function shareUrl(base: string, value: string): string {
  const i = base.indexOf('#');
  return `${i < 0 ? base : base.slice(0, i)}#${SHARE_PARAM}=${value}`;
}

/** The share value in a location hash (`#run=…`), or null when the hash has none. */
export function shareParam(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (h === '') return null;
  try {
    return new URLSearchParams(h).get(SHARE_PARAM);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- decode

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** First forbidden key or over-deep nesting in a parsed JSON value (iterative: no stack to exhaust). */
function findHostileKey(root: unknown, rootPath = 'link'): ShareDecodeResult | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: root, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_DEPTH) return fail('bad-field', path, `nested more than ${MAX_DEPTH} levels deep`);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    for (const k of Object.keys(v)) {
      if ((FORBIDDEN_KEYS as readonly string[]).includes(k)) return fail('forbidden-key', `${path}.${k}`, `the key "${k}" is not allowed anywhere in a link`);
      stack.push({ v: (v as Record<string, unknown>)[k], path: `${path}.${k}`, depth: depth + 1 });
    }
  }
  return null;
}

/** JSON.parse, or undefined for text that is not JSON (the scenario parser then says where it breaks). */
function parseJsonValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v);

function readView(v: unknown): ShareView | ShareDecodeResult {
  const view: ShareView = { t: 0, side: 'client', sock: null };
  if (v === undefined) return view;
  if (!isPlainObject(v)) return fail('bad-field', 'link.view', `must be an object, got ${typeName(v)}`);
  for (const k of Object.keys(v)) if (!['t', 'side', 'sock'].includes(k)) return fail('bad-field', `link.view.${k}`, 'unknown key');
  if (v.t !== undefined) {
    if (typeof v.t !== 'number' || !Number.isSafeInteger(v.t) || v.t < 0) return fail('bad-field', 'link.view.t', `must be a non-negative integer (ns), got ${JSON.stringify(v.t)}`);
    view.t = v.t;
  }
  if (v.side !== undefined) {
    if (v.side !== 'client' && v.side !== 'server') return fail('bad-field', 'link.view.side', `must be "client" or "server", got ${JSON.stringify(v.side)}`);
    view.side = v.side;
  }
  if (v.sock !== undefined && v.sock !== null) {
    if (typeof v.sock !== 'number' || !Number.isSafeInteger(v.sock) || v.sock < 0) return fail('bad-field', 'link.view.sock', `must be a non-negative integer, got ${JSON.stringify(v.sock)}`);
    view.sock = v.sock;
  }
  return view;
}

/** Decode and check a `<format>.<data>` value (see the module comment). Never throws. */
export async function decodeShare(value: string): Promise<ShareDecodeResult> {
  try {
    return await decodeUnsafe(value);
  } catch (e) {
    // Not expected: every step checks its input. Still a clear error, never a broken page.
    return fail('bad-format', 'link', `could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function decodeUnsafe(value: string): Promise<ShareDecodeResult> {
  if (typeof value !== 'string') return fail('bad-format', 'link', `expected text, got ${typeName(value)}`);
  if (value.length > MAX_LINK_CHARS) return fail('too-long', 'link', `${value.length} characters (the limit is ${MAX_LINK_CHARS})`);
  const m = /^([zj])\.([\s\S]*)$/.exec(value);
  if (!m) return fail('bad-format', 'link', `must start with "z." or "j." (got ${JSON.stringify(value.slice(0, 12))}${value.length > 12 ? '…' : ''})`);
  const raw = fromBase64Url(m[2]);
  if (typeof raw === 'string') return fail('bad-base64', 'link', raw);
  let bytes: Uint8Array;
  if (m[1] === 'z') {
    if (!compressionAvailable()) return fail('bad-compression', 'link', 'this browser cannot inflate compressed links (no DecompressionStream)');
    const r = await inflateRaw(raw, MAX_PAYLOAD_BYTES);
    if (!(r instanceof Uint8Array)) return fail(r.error === 'too-large' ? 'too-large' : 'bad-compression', 'link', r.message);
    bytes = r;
  } else {
    if (raw.length > MAX_PAYLOAD_BYTES) return fail('too-large', 'link', `${raw.length} bytes (the limit is ${MAX_PAYLOAD_BYTES})`);
    bytes = raw;
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail('bad-text', 'link', 'is not valid UTF-8 text');
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return fail('bad-json', 'link', e instanceof Error ? e.message : String(e));
  }
  const hostile = findHostileKey(data);
  if (hostile) return hostile;
  if (!isPlainObject(data)) return fail('bad-field', 'link', `must be an object, got ${typeName(data)}`);
  for (const k of Object.keys(data)) {
    if (!['v', 'scenario', 'seed', 'interventions', 'view'].includes(k)) return fail('bad-field', `link.${k}`, 'unknown key');
  }
  if (data.v !== SHARE_VERSION) return fail('bad-version', 'link.v', `version ${JSON.stringify(data.v)} is not supported (this page reads version ${SHARE_VERSION})`);
  if (typeof data.scenario !== 'string') return fail('bad-field', 'link.scenario', `must be the scenario's JSON text, got ${typeName(data.scenario)}`);
  let seed: number | null = null;
  if (data.seed !== undefined && data.seed !== null) {
    if (typeof data.seed !== 'number' || !Number.isSafeInteger(data.seed) || data.seed < 0) {
      return fail('bad-field', 'link.seed', `must be a non-negative integer, got ${JSON.stringify(data.seed)}`);
    }
    seed = data.seed;
  }
  let interventions: Record<string, unknown>[] = [];
  if (data.interventions !== undefined) {
    const iv = data.interventions;
    if (!Array.isArray(iv)) return fail('bad-field', 'link.interventions', `must be a list, got ${typeName(iv)}`);
    if (iv.length > MAX_INTERVENTIONS) return fail('bad-field', 'link.interventions', `${iv.length} entries (the limit is ${MAX_INTERVENTIONS})`);
    const bad = iv.findIndex((x) => !isPlainObject(x));
    if (bad >= 0) return fail('bad-field', `link.interventions[${bad}]`, `must be a scenario event object, got ${typeName(iv[bad])}`);
    interventions = iv as Record<string, unknown>[];
  }
  const view = readView(data.view);
  if ('ok' in view) return view;

  // The scenario, checked as if typed into the editor (with the interventions added to its events).
  // Its free-form keys (description, notes, sim.notes) take any JSON, so it is searched for hostile keys too.
  let scenarioText = data.scenario;
  const inner = parseJsonValue(scenarioText);
  if (inner !== undefined) {
    const h = findHostileKey(inner, 'link.scenario');
    if (h) return h;
  }
  const parsed = parseScenarioText(scenarioText);
  if (!parsed.ok) return fail('invalid-scenario', 'link.scenario', `${parsed.errors.length} problem(s)`, parsed.errors.map((e) => ({ path: e.path, message: e.message })));
  let scenario = parsed.scenario;
  if (interventions.length > 0) {
    const obj = JSON.parse(scenarioText) as Record<string, unknown>;
    if (obj.events !== undefined && !Array.isArray(obj.events)) return fail('bad-field', 'link.scenario.events', 'must be a list to take interventions');
    const merged = { ...obj, events: [...((obj.events as unknown[] | undefined) ?? []), ...interventions] };
    const v = validateScenario(merged);
    if (!v.ok) return fail('invalid-scenario', 'link.interventions', `${v.errors.length} problem(s)`, v.errors.map((e) => ({ path: e.path, message: e.message })));
    scenario = v.scenario;
    scenarioText = `${JSON.stringify(merged, null, 2)}\n`;
  }
  const unsupported = unsupportedFeatures(scenario);
  if (unsupported.length > 0) return fail('invalid-scenario', 'link.scenario', `${unsupported.length} problem(s)`, unsupported);
  return { ok: true, run: { scenarioText, seed, interventions, view } };
}
