/**
 * Where an embed's scenario comes from: a gallery id (`handover`), a URL of a
 * `kernel-ref-scenario/1` JSON file (fetched, at most MAX_SCENARIO_BYTES), or the JSON itself
 * (text or an object, from `el.load(…)` or a postMessage). The scenario's validity is the
 * simulation worker's business (it answers with located problems); here only the source can fail,
 * with a problem that names it.
 */
import { MAX_SCENARIO_BYTES } from '../core/scenario/json-source';
import type { ScenarioProblem } from '../ui/worker-protocol';

export type ScenarioSource =
  | { kind: 'gallery'; id: string }
  | { kind: 'url'; url: string }
  | { kind: 'json'; text: string };

export type Resolved = { ok: true; text: string; label: string } | { ok: false; problems: ScenarioProblem[] };

const GALLERY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What `value` names: JSON (starts with `{`), a gallery id, or else a URL relative to `base`. */
export function sourceOf(value: unknown, base: string): ScenarioSource | { kind: 'bad'; problem: ScenarioProblem } {
  if (value !== null && typeof value === 'object') return { kind: 'json', text: `${JSON.stringify(value, null, 2)}\n` };
  if (typeof value !== 'string' || value.trim() === '') {
    return { kind: 'bad', problem: { path: 'scenario', message: 'expected a gallery id, a URL of a scenario JSON file, or the scenario itself' } };
  }
  const v = value.trim();
  if (v.startsWith('{')) return { kind: 'json', text: value };
  if (GALLERY_ID.test(v)) return { kind: 'gallery', id: v };
  try {
    const u = new URL(v, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      return { kind: 'bad', problem: { path: 'scenario', message: `"${v}": only http(s) URLs can be fetched` } };
    }
    return { kind: 'url', url: u.href };
  } catch {
    return { kind: 'bad', problem: { path: 'scenario', message: `"${v}" is neither a gallery id nor a URL` } };
  }
}

/** Read a response body as text, refusing more than `limit` bytes (by Content-Length, or while reading a stream of unknown length). */
export async function readLimited(res: Response, limit: number = MAX_SCENARIO_BYTES): Promise<string | { tooLarge: number }> {
  const declared = Number(res.headers.get('content-length'));
  if (res.headers.has('content-length') && Number.isFinite(declared)) {
    if (declared > limit) return { tooLarge: declared };
    const text = await res.text();
    // a server may lie about the length (or send it compressed): check what arrived too
    const size = new TextEncoder().encode(text).byteLength;
    return size > limit ? { tooLarge: size } : text;
  }
  if (!res.body) return await res.text();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { tooLarge: size };
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(all);
}

/** Fetch a scenario file: its text, or a problem located at the URL. */
export async function fetchScenario(url: string, fetcher: typeof fetch = fetch, limit: number = MAX_SCENARIO_BYTES): Promise<Resolved> {
  const fail = (message: string): Resolved => ({ ok: false, problems: [{ path: url, message }] });
  let res: Response;
  try {
    res = await fetcher(url, { credentials: 'omit' });
  } catch (e) {
    return fail(`could not be fetched (${e instanceof Error ? e.message : String(e)}); a file on another site must allow CORS`);
  }
  if (!res.ok) return fail(`the server answered HTTP ${res.status}`);
  const body = await readLimited(res, limit);
  if (typeof body !== 'string') return fail(`the file is too large: ${body.tooLarge} bytes or more (the limit is ${limit} bytes)`);
  const name = new URL(url).pathname.split('/').pop() || url;
  return { ok: true, text: body, label: decodeURIComponent(name) };
}
